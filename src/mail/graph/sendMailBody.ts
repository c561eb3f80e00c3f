import type { Message } from '@microsoft/microsoft-graph-types';
import type { OutgoingMail } from '../mailer.ts';
import { oneLine } from '../oneLine.ts';

/**
 * The JSON body of `POST /users/{from}/sendMail`. Graph's JSON message has a single body, so the
 * HTML part goes and the text part is dropped (only a MIME upload could carry both). The delivery
 * id travels as an `X-InviteDesk-Delivery` header so a duplicate can be recognised.
 */
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
