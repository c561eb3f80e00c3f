import type { TemplateName } from '../domain/mailTemplate.ts';

/** The person a mail goes to, as every template may name them. */
export type MailContact = { firstName: string; lastName: string; name: string };

/**
 * The values each template can use, with an example of each. The example doubles as the data a
 * template is tried with before it is saved, and for previews.
 */
export type InvitationMailData = {
  contact: MailContact;
  inviter: { name: string } | null;
  organisation: string;
  invitationName: string;
  expiresAt: string | null;
  redeemUrl: string;
  redeemPageUrl: string;
  code: string;
};

export type PasswordResetMailData = {
  contact: MailContact;
  organisation: string;
  resetUrl: string;
  expiresAt: string;
};

export type EmailConfirmationMailData = {
  contact: MailContact;
  organisation: string;
  /** The invitation being accepted, when the confirmation is for one. */
  invitationName: string | null;
  confirmUrl: string;
  expiresAt: string;
};

export type RedemptionMailData = {
  contact: MailContact;
  organisation: string;
  account: string | null;
  webRoles: string[];
  profileUrl: string;
};

const exampleContact: MailContact = { firstName: 'Ada', lastName: 'Lovelace', name: 'Ada Lovelace' };

export const SAMPLE_DATA: { [K in TemplateName]: object } = {
  invitation: {
    contact: exampleContact, inviter: { name: 'Grace Hopper' }, organisation: 'Contoso', invitationName: 'Spring partners',
    expiresAt: '31 December 2026 at 23:59 UTC', redeemUrl: 'https://invites.example.com/redeem?code=7KQM-2HXV-9TDR-4WPC',
    redeemPageUrl: 'https://invites.example.com/redeem', code: '7KQM-2HXV-9TDR-4WPC',
  } satisfies InvitationMailData,
  'password-reset': {
    contact: exampleContact, organisation: 'Contoso', resetUrl: 'https://invites.example.com/password/reset?token=example-token',
    expiresAt: '1 June 2026 at 13:00 UTC',
  } satisfies PasswordResetMailData,
  'redemption-confirmation': {
    contact: exampleContact, organisation: 'Contoso', account: 'Contoso Ltd', webRoles: ['Customer', 'Partner'],
    profileUrl: 'https://invites.example.com/profile',
  } satisfies RedemptionMailData,
  'email-confirmation': {
    contact: exampleContact, organisation: 'Contoso', invitationName: 'Spring partners',
    confirmUrl: 'https://invites.example.com/confirm?token=example-token', expiresAt: '1 June 2026 at 12:15 UTC',
  } satisfies EmailConfirmationMailData,
};

/** What a template must show, or the mail is useless: checked against its rendering of the sample. */
export const REQUIRED_OUTPUT: { [K in TemplateName]: { value: string; placeholder: string }[] } = {
  invitation: [{ value: 'https://invites.example.com/redeem?code=7KQM-2HXV-9TDR-4WPC', placeholder: '{{redeemUrl}}' }],
  'password-reset': [{ value: 'https://invites.example.com/password/reset?token=example-token', placeholder: '{{resetUrl}}' }],
  'redemption-confirmation': [],
  'email-confirmation': [{ value: 'https://invites.example.com/confirm?token=example-token', placeholder: '{{confirmUrl}}' }],
};

