/**
 * What a browser keeps of one site's cookies: each Set-Cookie of an answer replaces (or, expired,
 * removes) the cookie of that name, and every request sends back all of them.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Keeps the cookies an answer set; returns the jar. */
  take(res: Response): this {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*(0|-)/i.test(attribute) || /^\s*expires\s*=.*1970/i.test(attribute));
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  /** The Cookie header to send ('' when there is none). */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}
