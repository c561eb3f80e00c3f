import { englishPhrase, phrase, type Phrase } from './phrases.ts';

/**
 * Domain errors. Every rule the product enforces fails with one of these: a stable `code` that
 * callers (web pages, cards, CLI, tests) switch on, a `message` safe to show to the person who
 * asked, and an optional internal `detail` for logs. `expose` says whether the message may be shown
 * as-is; anything that is not a DomainError is an internal failure and is never shown. An error
 * made from a `Phrase` keeps it, so an edge can say the same in the reader's language.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly detail: string | undefined;
  readonly phrase: Phrase | undefined;

  constructor(code: string, message: string | Phrase, options: { status?: number; detail?: string; expose?: boolean } = {}) {
    super(typeof message === 'string' ? message : englishPhrase(message));
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 400;
    this.expose = options.expose ?? true;
    this.detail = options.detail;
    this.phrase = typeof message === 'string' ? undefined : message;
  }
}

/** One field's problem: the field, what is wrong (English), and the same as a phrase when there is one. */
export type Problem = { field: string; message: string; phrase?: Phrase };

/** A problem worded from the catalogue. */
export const problem = (field: string, wording: Phrase): Problem => ({ field, message: englishPhrase(wording), phrase: wording });

/** Input that breaks a rule of the form; `problems` lists each field with what is wrong. */
export class ValidationError extends DomainError {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super('invalid_input', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { status: 400 });
    this.problems = problems;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, key: string) {
    super('not_found', phrase('record.notFound', { what, key }), { status: 404 });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string | Phrase, detail?: string) {
    super('conflict', message, { status: 409, detail });
  }
}

/** Someone else changed the record between our read and our write; the caller may retry. */
export class ConcurrentChangeError extends DomainError {
  constructor(what: string) {
    super('concurrent_change', phrase('record.concurrentChange', { what }), { status: 409 });
  }
}

/** A staff action that the invitation's current state does not allow (revoke a revoked one...). */
export class InvitationStateError extends DomainError {
  constructor(message: string | Phrase) {
    super('invalid_state', message, { status: 409 });
  }
}

export class NotAllowedError extends DomainError {
  constructor(message: string | Phrase) {
    super('not_allowed', message, { status: 403 });
  }
}

/* Redemption refusals. Unknown and malformed codes stay generic: they must not reveal whether a
   code exists. The others are only reachable by someone holding a real code. */

export class MalformedCodeError extends DomainError {
  constructor() {
    super('code_malformed', 'That does not look like an invitation code. Check it and try again: it has 16 letters and digits, like 7KQM-2HXV-9TDR-4WPC.');
  }
}

export class CodeNotUsableError extends DomainError {
  constructor(detail?: string) {
    super('code_not_usable', 'This code cannot be used.', { status: 404, detail });
  }
}

export class InvitationExpiredError extends DomainError {
  constructor() {
    super('invitation_expired', 'This invitation has expired. Ask the person who invited you for a new one.', { status: 410 });
  }
}

export class InvitationRevokedError extends DomainError {
  constructor() {
    super('invitation_revoked', 'This invitation has been withdrawn and can no longer be used.', { status: 410 });
  }
}

export class InvitationUsedUpError extends DomainError {
  constructor() {
    super('invitation_used_up', 'This invitation has already been used.', { status: 410 });
  }
}

export class InvitationNotActiveError extends DomainError {
  constructor(reason: 'pending-approval' | 'rejected' | 'draft') {
    const message = reason === 'rejected'
      ? 'This invitation was not approved and cannot be used.'
      : 'This invitation is not active yet. Try again once you have received it by e-mail.';
    super('invitation_not_active', message, { status: 409, detail: reason });
  }
}

export class AlreadyRedeemedError extends DomainError {
  constructor() {
    super('already_redeemed', 'You have already redeemed this invitation.', { status: 409 });
  }
}

export class WrongRedeemerError extends DomainError {
  constructor() {
    super('wrong_redeemer', 'This invitation was sent to someone else. Sign in as the person it was sent to.', { status: 403 });
  }
}

/** A reset of a redemption that is not there: the contact has not redeemed the invitation (or it was reset already). */
export class NotRedeemedError extends DomainError {
  constructor(message = 'This contact has not redeemed this invitation (or the redemption was reset already).') {
    super('not_redeemed', message, { status: 409 });
  }
}

/**
 * Refusals on the redeem site. Each `code` is also a message key of the site, which words it in the
 * visitor's language; the English text here is what logs and the CLI show.
 */
export class CustomerAccessError extends DomainError {
  constructor(code: CustomerAccessCode, message: string, status = 400) {
    super(code, message, { status });
  }
}

export type CustomerAccessCode =
  | 'sign_in_failed'
  | 'account_exists'
  | 'email_known'
  | 'password_too_short'
  | 'password_too_long'
  | 'password_too_common'
  | 'passwords_differ'
  | 'reset_link_invalid'
  | 'identity_unknown'
  | 'identity_email_taken'
  | 'registration_closed'
  | 'details_missing'
  | 'email_missing'
  | 'identity_linked_elsewhere'
  | 'confirm_link_invalid'
  | 'confirm_other_browser';

/** A change made on a condition (`If-Match`) that no longer holds: the record has changed since it was read. */
export class PreconditionFailedError extends DomainError {
  constructor(what: string) {
    super('precondition_failed', `${what} has changed since you read it. Read it again and retry.`, { status: 412 });
  }
}

/** A request key (an API `Idempotency-Key`) sent again with another request. */
export class RequestKeyReusedError extends DomainError {
  constructor() {
    super('request_key_reused', 'This Idempotency-Key was used for another request. Use a new key for a new request.', { status: 409 });
  }
}
