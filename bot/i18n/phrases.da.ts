import type { PhraseKey } from '../../src/domain/phrases.ts';

/**
 * The product's own phrases (`src/domain/phrases.ts`) in Danish, for staff whose Teams speaks it.
 * Typed against the English list, so a new phrase without a Danish wording does not compile.
 * `{status}` arrives already worded in Danish (see `botPhrase`).
 */
export const phrasesDa: Record<PhraseKey, string> = {
  'permission.denied': 'Din rolle i Invite Desk giver ikke adgang til dette. Spørg en administrator i Invite Desk, hvis du har brug for det.',
  'record.notFound': '{key} blev ikke fundet.',
  'record.concurrentChange': 'En anden ændrede det samme i samme øjeblik. Prøv igen.',
  'request.stillServed': 'Den samme anmodning er stadig i gang. Prøv igen om et øjeblik.',

  'invitation.inBatch': 'Invitationen er en af en liste på {count} invitationer, der blev bedt om samlet: godkend eller afvis listen som helhed på dens godkendelseskort (skriv "approvals").',
  'invitation.alreadyRevoked': 'Invitationen er allerede annulleret.',
  'invitation.nothingToRevoke': 'Invitationen er indløst fuldt ud; der er intet tilbage at annullere.',
  'invitation.cannotExtend': 'En invitation med status "{status}" kan ikke forlænges.',
  'invitation.cannotResend': 'En invitation med status "{status}" kan ikke sendes igen.',
  'invitation.cannotResendExpired': 'En udløbet invitation kan ikke sendes igen; forlæng den først.',
  'invitation.cannotReissue': 'En invitation med status "{status}" kan ikke sendes igen. Nulstil uden en ny kode, eller ændr invitationen først.',
  'invitation.cannotReissueExpired': 'En udløbet invitation kan ikke sendes igen; forlæng den først. Nulstil uden en ny kode, eller ændr invitationen først.',
  'invitation.groupNoReissue': 'Kun en enkeltinvitation får en ny kode; en gruppekode deles af alle, den inviterer.',
  'invitation.notWaiting': 'Invitationen venter ikke på godkendelse.',
  'decision.ownInvitation': 'Du kan ikke godkende eller afvise din egen invitation.',
  'decision.reasonNeeded': 'Angiv en begrundelse, så anmoderen ved, hvad der skal ændres.',
  'batch.notWaiting': 'Listen af invitationer ventede ikke på godkendelse.',
  'batch.decided': 'Der er allerede taget stilling til listen af invitationer.',

  'invite.expiryUnreadable': 'Udløber: "{text}" er ikke en dato (2026-12-31), et tidspunkt med zone (2026-12-31T17:00Z), en varighed (12h, 7d, 2w) eller never',
  'invite.emailNeeded': 'E-mailadresse: angiv kundens e-mailadresse',
  'invite.contactsNeeded': 'Kontakter: angiv mindst én kontakt',
  'invite.maxRedemptions': 'Hvor mange må indløse: et helt tal, mindst 1',
  'invite.redirectNotAllowed': 'Viderestillings-URL: hverken dette websted eller et https-websted på REDIRECT_ALLOWLIST',
  'invite.expiryPast': 'Udløber: skal ligge i fremtiden',
  'invite.language': 'Sprog: et af {locales}',
  'invite.companyTooLong': 'Firma: højst {max} tegn',
  'invite.unknownWorkflow': 'Arbejdsgang: der er ingen arbejdsgang ved navn "{name}"',
  'invite.redirectNotUrl': 'Viderestillings-URL: skal være en http(s)-URL',
  'expiry.notADate': 'Udløber: skal være en dato',
  'expiry.past': 'Udløber: skal ligge i fremtiden',

  'list.tooLarge': 'Listen fylder {size} KB; højst {maxSize} KB ({max} kontakter) ad gangen',
  'list.tooLong': 'Listen har {count} linjer; højst {max} kontakter ad gangen',
  'list.noEmailColumn': 'Overskriftslinjen nævner ingen e-mailkolonne',
  'list.unreadable': 'Listen kan ikke læses som linjer eller CSV: tjek anførselstegnene',
  'list.unreadableAt': 'Listen kan ikke læses som linjer eller CSV (ved linje {line}): tjek anførselstegnene',
  'list.empty': 'Kontakter: indsæt mindst én kontakt',
  'list.noContact': 'Ingen linje indeholder en kontakt',
  'list.expired': 'Listen er udløbet eller var ikke din at bekræfte: indsæt den igen',
  'list.confirmedAlready': 'Listen er allerede bekræftet; dens invitationer bliver lavet.',
  'line.noEmail': 'linje {line}: har ingen e-mailadresse',
  'line.badEmail': 'linje {line}: e-mailadressen er ikke gyldig',
  'line.tooManyFields': 'linje {line}: har flere felter end navn, e-mail og firma',
  'line.longName': 'linje {line}: et navn er længere end {max} tegn',
  'line.longCompany': 'linje {line}: firmanavnet er længere end {max} tegn',
  'line.repeats': 'linje {line}: gentager e-mailadressen fra linje {earlier}',
  'line.andMore': 'og {count} linjer mere',
};
