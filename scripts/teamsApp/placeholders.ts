/**
 * `${{NAME}}` placeholders, as Teams Toolkit writes them in appPackage/manifest.json. They are
 * filled inside the parsed JSON's strings, so a value can never break the JSON around it.
 */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type Filled = { value: unknown; missing: string[]; malformed: string[] };

/** Replaces every placeholder with `lookup(name)`; names without a value are listed once each in `missing`. */
export function fillPlaceholders(json: unknown, lookup: (name: string) => string | undefined): Filled {
  const missing = new Set<string>();
  const malformed = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const text = node.replace(PLACEHOLDER, (placeholder, name: string) => {
        const value = lookup(name);
        if (value === undefined) {
          missing.add(name);
          return placeholder;
        }
        return value;
      });
      // Checked on the template, not the filled text, so that a value may hold braces.
      const leftover = node.replace(PLACEHOLDER, '');
      if (leftover.includes('{{') || leftover.includes('}}')) malformed.add(node);
      return text;
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    return node;
  };
  const value = fill(json);
  return { value, missing: [...missing], malformed: [...malformed] };
}
