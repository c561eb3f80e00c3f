import type { Message } from '@microsoft/microsoft-graph-types';
import type { OutgoingMail } from '../mailer.ts';

/**
 * The JSON body of `POST /users/{from}/sendMail`. Graph's JSON message has a single body, so the
 * HTML part goes and the text part is dropped (only a MIME upload could carry both). The delivery
 * id travels as an `X-InviteDesk-Delivery` header so a duplicate can be recognised.
 */
/** Header fields on one line: a name typed with a line break cannot start another header ("Bcc: ..."). */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

export function sendMailBody(mail: OutgoingMail): { message: Message; saveToSentItems: boolean } {
  return {
    message: {
      subject: oneLine(mail.subject),
      body: { contentType: 'html', content: mail.html },
      toRecipients: [{ emailAddress: { address: mail.to.address, name: mail.to.name === undefined ? undefined : oneLine(mail.to.name) } }],
      ...(mail.deliveryId ? { internetMessageHeaders: [{ name: 'X-InviteDesk-Delivery', value: mail.deliveryId }] } : {}),
    },
    saveToSentItems: true,
  };
}
