import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { OnProgress } from '../services/progress.ts';

/** Where a bar may be drawn: a stream that says whether it is a terminal. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

export type ProgressBar = { onProgress: OnProgress; stop(): void };

const SILENT: ProgressBar = { onProgress: () => undefined, stop: () => undefined };

/**
 * A progress bar for long CLI work (importing contacts, retrying dead letters, exporting the audit
 * trail): hand `onProgress` to the use case and call `stop` when it ends, however it ends. It is
 * drawn on stderr, so what the command prints on stdout stays clean to pipe, and only there: with
 * `--json`, or where stderr is not a terminal (a pipe, a file, CI), nothing is written at all.
 */
export function progressBar(command: Command, label: string, stream: ProgressStream = process.stderr): ProgressBar {
  if (command.optsWithGlobals().json || !stream.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar({
    stream, format: `${label} {step} [{bar}] {value}/{total}`, barsize: 30, hideCursor: true, etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onProgress: ({ step, done, total }) => {
      if (!started) {
        bar.start(total, done, { step });
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done, { step });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
