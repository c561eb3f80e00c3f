import type { Locale } from './invitation.ts';

export const TEMPLATE_NAMES = ['invitation', 'invitation-reminder', 'password-reset', 'redemption-confirmation', 'email-confirmation'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The three parts of a mail, as Handlebars sources. */
export type TemplateParts = { subject: string; html: string; text: string };

/** An admin's replacement for a built-in template in one locale. */
export type CustomTemplate = TemplateParts & {
  name: TemplateName;
  locale: Locale;
  updatedBy: string;
  updatedAt: Date;
};

export function isTemplateName(value: string): value is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(value);
}
