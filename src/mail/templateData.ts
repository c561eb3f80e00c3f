import { plainBranding } from '../domain/branding.ts';
import type { Locale } from '../domain/invitation.ts';
import type { TemplateName } from '../domain/mailTemplate.ts';
import { mailFrame, type MailFrame } from './mailFrame.ts';

/** The person a mail goes to, as every template may name them. */
export type MailContact = { firstName: string; lastName: string; name: string };

/**
 * The values each template can use, with an example of each. The example doubles as the data a
 * template is tried with before it is saved, and for previews.
 */
export type InvitationMailData = MailFrame & {
  contact: MailContact;
  inviter: { name: string } | null;
  organisation: string;
  invitationName: string;
  /** The company the invitation makes the redeemer part of, and the roles it gives. */
  account: string | null;
  webRoles: string[];
  expiresAt: string | null;
  redeemUrl: string;
  redeemPageUrl: string;
  code: string;
};

export type PasswordResetMailData = MailFrame & {
  contact: MailContact;
  organisation: string;
  resetUrl: string;
  expiresAt: string;
};

export type EmailConfirmationMailData = MailFrame & {
  contact: MailContact;
  organisation: string;
  /** The invitation being accepted, when the confirmation is for one. */
  invitationName: string | null;
  confirmUrl: string;
  expiresAt: string;
};

export type RedemptionMailData = MailFrame & {
  contact: MailContact;
  organisation: string;
  invitationName: string | null;
  account: string | null;
  webRoles: string[];
  profileUrl: string;
};

const exampleContact: MailContact = { firstName: 'Ada', lastName: 'Lovelace', name: 'Ada Lovelace' };
const exampleBranding = { ...plainBranding('Contoso'), supportEmail: 'support@contoso.com', privacyUrl: 'https://contoso.com/privacy' };
const exampleFrame = mailFrame(exampleBranding, 'https://invites.example.com', 'en');

const invitationSample = {
  ...exampleFrame, contact: exampleContact, inviter: { name: 'Grace Hopper' }, organisation: 'Contoso', invitationName: 'Spring partners',
  account: 'Contoso Ltd', webRoles: ['Customer', 'Partner'],
  expiresAt: '31 December 2026 at 23:59 UTC', redeemUrl: 'https://invites.example.com/redeem?code=7KQM-2HXV-9TDR-4WPC',
  redeemPageUrl: 'https://invites.example.com/redeem', code: '7KQM-2HXV-9TDR-4WPC',
} satisfies InvitationMailData;

export const SAMPLE_DATA: { [K in TemplateName]: object } = {
  invitation: invitationSample,
  /** The reminder that goes a few days before an unredeemed invitation expires: the same values as the invitation. */
  'invitation-reminder': invitationSample,
  'password-reset': {
    ...exampleFrame, contact: exampleContact, organisation: 'Contoso', resetUrl: 'https://invites.example.com/password/reset?token=example-token',
    expiresAt: '1 June 2026 at 13:00 UTC',
  } satisfies PasswordResetMailData,
  'redemption-confirmation': {
    ...exampleFrame, contact: exampleContact, organisation: 'Contoso', invitationName: 'Spring partners', account: 'Contoso Ltd', webRoles: ['Customer', 'Partner'],
    profileUrl: 'https://invites.example.com/profile',
  } satisfies RedemptionMailData,
  'email-confirmation': {
    ...exampleFrame, contact: exampleContact, organisation: 'Contoso', invitationName: 'Spring partners',
    confirmUrl: 'https://invites.example.com/confirm?token=example-token', expiresAt: '1 June 2026 at 12:15 UTC',
  } satisfies EmailConfirmationMailData,
};

/** The example data in the mail's language: the layout's own words follow it. */
export function sampleData(name: TemplateName, locale: Locale): object {
  return { ...SAMPLE_DATA[name], ...mailFrame(exampleBranding, 'https://invites.example.com', locale) };
}

/** What a template must show, or the mail is useless: checked against its rendering of the sample. */
export const REQUIRED_OUTPUT: { [K in TemplateName]: { value: string; placeholder: string }[] } = {
  invitation: [{ value: 'https://invites.example.com/redeem?code=7KQM-2HXV-9TDR-4WPC', placeholder: '{{redeemUrl}}' }],
  'invitation-reminder': [{ value: 'https://invites.example.com/redeem?code=7KQM-2HXV-9TDR-4WPC', placeholder: '{{redeemUrl}}' }],
  'password-reset': [{ value: 'https://invites.example.com/password/reset?token=example-token', placeholder: '{{resetUrl}}' }],
  'redemption-confirmation': [],
  'email-confirmation': [{ value: 'https://invites.example.com/confirm?token=example-token', placeholder: '{{confirmUrl}}' }],
};

