import type { Command } from 'commander';
import type { Job } from '../../domain/job.ts';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { nextPageLine, pageOptions, print, type Output } from '../output.ts';

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
      print(command, output, page, (p) => [...p.items.map(describe), ...nextPageLine(p.next)]);
    });

  jobs.command('retry <id>').description('queue a dead job again, attempts reset').action(async (id: string, _options, command: Command) => {
    const job = await services.jobs.retry(CLI_ACTOR, id);
    print(command, output, job, (j) => [`queued again: ${describe(j)}`]);
  });
}
