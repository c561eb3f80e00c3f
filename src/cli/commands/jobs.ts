import type { Command } from 'commander';
import type { Job } from '../../domain/job.ts';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { nextPageLine, pageOptions, print, type Output } from '../output.ts';
import { progressBar } from '../progress.ts';

const describe = (j: Job) => `${j.id}  ${j.state.padEnd(7)} ${j.kind.padEnd(16)} attempts ${j.attempts}  ${j.lastError ?? ''}`.trimEnd();

export function jobCommands(program: Command, services: Services, output: Output): void {
  const jobs = program.command('jobs').description('the outbox: mail and workflow deliveries');

  pageOptions(jobs.command('list')
    .description('list jobs, newest first')
    .option('--state <state>', 'queued, running, done or dead')
    .option('--kind <kind>', 'invitation.send, invitation.mail, redemption.mail or workflow'))
    .action(async (options, command: Command) => {
      const page = await services.jobs.list(CLI_ACTOR, { state: options.state, kind: options.kind }, { limit: options.limit, after: options.after });
      print(command, output, page, (p) => [...p.items.map(describe), ...nextPageLine(p.next)]);
    });

  pageOptions(jobs.command('dead').description('list dead letters: jobs that failed for good, with the reason'))
    .action(async (options, command: Command) => {
      const page = await services.jobs.list(CLI_ACTOR, { state: 'dead' }, { limit: options.limit, after: options.after });
      print(command, output, page, (p) => (p.items.length ? [...p.items.map(describe), ...nextPageLine(p.next)] : [options.after ? 'no more dead letters' : 'no dead letters']));
    });

  jobs.command('retry [id]')
    .description('queue a dead job again, attempts reset; --all: every dead job')
    .option('--all', 'every dead letter (a progress bar on a terminal)')
    .action(async (id: string | undefined, options: { all?: boolean }, command: Command) => {
      if (Boolean(id) === Boolean(options.all)) command.error('error: give the id of a dead job, or --all (not both)');
      if (options.all) {
        const progress = progressBar(command, 'dead letters');
        const result = await services.jobs.retryAllDead(CLI_ACTOR, { onProgress: progress.onProgress }).finally(() => progress.stop());
        print(command, output, result, (r) => [r.retried ? `queued again: ${r.retried} dead job(s)` : 'no dead letters']);
        return;
      }
      const job = await services.jobs.retry(CLI_ACTOR, id!);
      print(command, output, job, (j) => [`queued again: ${describe(j)}`]);
    });
}
