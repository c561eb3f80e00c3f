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

export const pageInput = z.object({
  after: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type PageInput = z.input<typeof pageInput>;

export const nameField = (label: string) =>
  z.string().trim().min(1, `${label} is required`).max(200, `${label} is at most 200 characters`);
