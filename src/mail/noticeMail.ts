import type { OutgoingMail } from './mailer.ts';
import { handlebars } from './handlebars.ts';
import { oneLine } from './oneLine.ts';

/**
 * A Teams notice as a plain mail to a staff member whom Teams could not reach: the notice's title
 * as the subject (one line), its text as the body, HTML-escaped in the HTML part. Not an admin-
 * editable template: it carries what the Teams card would have, in the product's own words.
 */
export function noticeMail(notice: { from: string; to: { address: string; name: string }; title: string; text: string; organisationName: string }): OutgoingMail {
  const why = 'Invite Desk could not reach you in Teams, so this notice comes by mail. Write to the Invite Desk bot in Teams once to get notices there.';
  const html = (value: string) => handlebars().escapeExpression(value);
  return {
    from: notice.from,
    to: { address: notice.to.address, name: oneLine(notice.to.name) },
    subject: oneLine(`${notice.organisationName}: ${notice.title}`),
    text: `${notice.title}\n\n${notice.text}\n\n-- \n${why}\n`,
    html: `<!DOCTYPE html><html><body><h2>${html(notice.title)}</h2><p>${html(notice.text)}</p><hr><p><small>${html(why)}</small></p></body></html>`,
  };
}
