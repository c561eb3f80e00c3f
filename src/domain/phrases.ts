import { EXPIRY_HELP, SEND_AT_HELP } from './expiry.ts';
import { REMINDER_DAYS_HELP } from './reminders.ts';

/**
 * What the product says in its own words when a rule refuses something staff asked for, as
 * catalogue keys with the English text. An error (or a rejected line of a contact list) carries the
 * key and its values as a `Phrase`; its English `message` is made here, and an edge that answers in
 * another language words the same key from its own catalogue (the bot's `bot/i18n/phrases.da.ts`,
 * typed against this list, so no phrase can be left without a translation).
 *
 * `{placeholders}` are filled from the values. A value named `status` is an invitation status
 * (`sent`, `expired`, …), which a translation words in its own language; `{what}` is an English
 * noun phrase ("revoking invitations", "Web role"), which a translation leaves out.
 */
export const PHRASES = {
  'permission.denied': 'Your Invite Desk role does not allow {what}. Ask an Invite Desk admin if you need it.',
  'record.notFound': '{what} {key} was not found.',
  'record.concurrentChange': '{what} was changed by someone else at the same moment. Please try again.',
  'request.stillServed': 'The same request is still being served. Try again in a moment.',

  'invitation.inBatch': 'This invitation is one of a list of {count} invitations asked for together: approve or reject the list as a whole, on its approval card (type "approvals").',
  'invitation.alreadyRevoked': 'This invitation is already revoked.',
  'invitation.nothingToRevoke': 'This invitation has been fully redeemed; there is nothing left to revoke.',
  'invitation.cannotExtend': 'A {status} invitation cannot be extended.',
  'invitation.cannotResend': 'A {status} invitation cannot be sent again.',
  'invitation.cannotResendExpired': 'An expired invitation cannot be sent again; extend it first.',
  'invitation.cannotReissue': 'A {status} invitation cannot be sent again. Reset without a new code, or change the invitation first.',
  'invitation.cannotReissueExpired': 'An expired invitation cannot be sent again; extend it first. Reset without a new code, or change the invitation first.',
  'invitation.groupNoReissue': 'only a single invitation gets a new code; a group code is shared by everyone it invites',
  'invitation.notWaiting': 'This invitation is not waiting for approval.',
  'invitation.notADraft': 'Only a draft can be sent this way; this invitation has gone out already (use resend to mail it again).',
  'invitation.draftExpired': 'This draft has expired: extend it first, then send it.',
  'invitation.draftNotRenewable': 'A draft has not been sent yet: extend it if needed, then send it.',
  'invitation.cannotRenew': 'A {status} invitation cannot be renewed.',
  'decision.ownInvitation': 'You cannot approve or reject your own invitation.',
  'decision.reasonNeeded': 'say why, so the requester knows what to change',
  'batch.notWaiting': 'This list of invitations did not wait for approval.',
  'batch.decided': 'This list of invitations has been decided already.',

  'invite.expiryUnreadable': `Expires: "{text}" is not ${EXPIRY_HELP}`,
  'invite.emailNeeded': 'E-mail address: give the customer\'s e-mail address',
  'invite.contactsNeeded': 'Contacts: give at least one contact',
  'invite.maxRedemptions': 'How many may redeem: a whole number, at least 1',
  'invite.redirectNotAllowed': 'is neither this site nor an https site on REDIRECT_ALLOWLIST',
    
  'invite.expiryPast': 'Expires: must be in the future',
  'invite.language': 'Language: one of {locales}',
  'invite.companyTooLong': 'Company: at most {max} characters',
  'invite.unknownWorkflow': 'Workflow: there is no workflow named "{name}"',
  'invite.redirectNotUrl': 'Redirect URL: must be an http(s) URL',
  'invite.sendAtUnreadable': `Send at: "{text}" is not ${SEND_AT_HELP}`,
  'invite.sendAtNotADate': 'Send at: must be a date',
  'invite.sendAtPast': 'Send at: must be in the future',
  'invite.sendAtAfterExpiry': 'Send at: must come before the invitation expires',
  'invite.draftSkipsApproval': 'Skip approval: a draft is approved (or not) when it is sent; skip approval then',
  'invite.reminderDaysUnreadable': `Reminder: "{text}" is not ${REMINDER_DAYS_HELP}`,
  'expiry.notADate': 'must be a date',
  'expiry.past': 'must be in the future',

  'list.tooLarge': 'The list is {size} KB; at most {maxSize} KB ({max} contacts) at a time',
  'list.tooLong': 'The list has {count} lines; at most {max} contacts at a time',
  'list.noEmailColumn': 'The header row names no e-mail column',
  'list.unreadable': 'The list cannot be read as lines or CSV: check its quotes',
  'list.unreadableAt': 'The list cannot be read as lines or CSV (at line {line}): check its quotes',
  'list.empty': 'Contacts: paste at least one contact',
  'list.noContact': 'No line holds a contact',
  'list.expired': 'This list has expired or was not yours to confirm: paste it again',
  'list.confirmedAlready': 'This list was confirmed already; its invitations are being made.',
  'line.noEmail': 'line {line}: has no e-mail address',
  'line.badEmail': 'line {line}: the e-mail address is not valid',
  'line.tooManyFields': 'line {line}: has more fields than name, e-mail and company',
  'line.longName': 'line {line}: a name is longer than {max} characters',
  'line.longCompany': 'line {line}: the company name is longer than {max} characters',
  'line.repeats': 'line {line}: repeats the e-mail address of line {earlier}',
  'line.andMore': 'and {count} more lines',
} as const;

export type PhraseKey = keyof typeof PHRASES;
export type PhraseValues = Readonly<Record<string, string | number>>;
/** A catalogue key and the values for its placeholders. */
export type Phrase = { key: PhraseKey; values?: PhraseValues };

export const phrase = (key: PhraseKey, values?: PhraseValues): Phrase => (values ? { key, values } : { key });

/** A catalogue text with its `{placeholders}` filled (an unknown one is left empty). */
export function fillPlaceholders(text: string, values: PhraseValues = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (values[name] === undefined ? '' : String(values[name])));
}

/** The phrase in English. */
export const englishPhrase = ({ key, values }: Phrase): string => fillPlaceholders(PHRASES[key], values);
