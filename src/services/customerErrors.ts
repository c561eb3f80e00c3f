import { DomainError } from '../domain/errors.ts';

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
