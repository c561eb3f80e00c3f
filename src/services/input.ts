import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';

/** Parses service input with a zod schema; every problem becomes one `field: message` entry. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : 'input',
    message: issue.message,
  })));
}

/** A value from outside as text: a string as it is, anything else as '' (refused like a blank field). */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The named fields of a submitted form, each read with `read` (by default `text`); other fields
 * are dropped, and so is a named field that is absent (unless `absentAs` is given).
 */
export function formFields<K extends string>(input: unknown, names: readonly K[], read: (value: unknown) => string = text, absentAs?: string): Partial<Record<K, string>> {
  const record = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return Object.fromEntries(names.flatMap((name) => {
    if (Object.hasOwn(record, name)) return [[name, read(record[name])]];
    return absentAs === undefined ? [] : [[name, absentAs]];
  })) as Partial<Record<K, string>>;
}

export const pageInput = z.object({
  after: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type PageInput = z.input<typeof pageInput>;

export const nameField = (label: string) =>
  z.string().trim().min(1, `${label} is required`).max(200, `${label} is at most 200 characters`);
