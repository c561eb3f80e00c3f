import type { Command } from 'commander';

/**
 * Where a command writes. Tests capture it; the real CLI writes to the process streams.
 * `stream` writes a line of a long output (an export) and resolves when the reader can take more,
 * so nothing piles up in memory; without it, `out` is used.
 */
export type Output = { out(text: string): void; err(text: string): void; stream?(text: string): Promise<void> };

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  stream: (text) => new Promise((resolve) => {
    if (process.stdout.write(`${text}\n`)) resolve();
    else process.stdout.once('drain', resolve);
  }),
};

/** Writes a line of a long output through `stream` when the output has one. */
export async function streamLine(output: Output, text: string): Promise<void> {
  if (output.stream) await output.stream(text);
  else output.out(text);
}

/** Prints `value` as JSON when `--json` was given, else the human lines from `describe`. */
export function print<T>(command: Command, output: Output, value: T, describe: (value: T) => string[]): void {
  if (command.optsWithGlobals().json) output.out(JSON.stringify(value, null, 2));
  else for (const line of describe(value)) output.out(line);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function pageOptions(command: Command): Command {
  return command
    .option('--limit <n>', 'how many to show (1-100)', (v) => Number(v), 20)
    .option('--after <cursor>', 'show the page after this cursor (printed at the end of the previous page)');
}

export function nextPageLine(next: string | null): string[] {
  return next ? [`(more: --after ${next})`] : [];
}
