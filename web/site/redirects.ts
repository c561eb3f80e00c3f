/** The rule lives in the domain: the invite use case checks an invitation's redirect by it too. */
export { safeRedirect } from '../../src/domain/redirects.ts';
