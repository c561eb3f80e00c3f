import { absoluteLogoUrl, type Branding } from '../domain/branding.ts';
import type { Locale } from '../domain/invitation.ts';

/**
 * What the mail layout (`{{#> mailLayout}}`) reads from every mail's data: the organisation's look
 * (`brand`) and the layout's own words in the mail's language (`layout`). Every template's data
 * carries both, so any template (a new one too) can use the layout by name.
 */
export type MailBrand = {
  organisation: string; logoUrl: string | null; colour: string; supportEmail: string | null; privacyUrl: string | null; termsUrl: string | null;
};
export type MailLayoutText = { lang: Locale; sentBy: string; help: string; privacy: string; terms: string; linkHint: string };
export type MailFrame = { brand: MailBrand; layout: MailLayoutText };

const WORDS: Record<Locale, (organisation: string) => Omit<MailLayoutText, 'lang'>> = {
  en: (organisation) => ({
    sentBy: `This e-mail was sent by ${organisation} through its customer portal.`,
    help: 'Questions? Write to', privacy: 'Privacy', terms: 'Terms of use',
    linkHint: 'If the button does not work, copy this link into your browser:',
  }),
  da: (organisation) => ({
    sentBy: `Denne e-mail er sendt af ${organisation} via kundeportalen.`,
    help: 'Spørgsmål? Skriv til', privacy: 'Privatliv', terms: 'Vilkår for brug',
    linkHint: 'Hvis knappen ikke virker, så kopiér dette link ind i din browser:',
  }),
};

export function mailFrame(branding: Branding, publicBaseUrl: string, locale: Locale): MailFrame {
  return {
    brand: {
      organisation: branding.organisationName, logoUrl: absoluteLogoUrl(branding, publicBaseUrl), colour: branding.colour,
      supportEmail: branding.supportEmail, privacyUrl: branding.privacyUrl, termsUrl: branding.termsUrl,
    },
    layout: { lang: locale, ...WORDS[locale](branding.organisationName) },
  };
}
