/**
 * adaptivecards-templating's typings import `adaptivecards/src/schema`, which resolves to that
 * package's TypeScript *source* (not declarations), which our compiler settings reject. This
 * stands in for the one type they use.
 */
export type IAdaptiveCard = Record<string, unknown>;
