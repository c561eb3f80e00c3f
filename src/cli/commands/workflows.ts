import type { Command } from 'commander';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { print, type Output } from '../output.ts';

export function workflowCommands(program: Command, services: Services, output: Output): void {
  const workflows = program.command('workflows').description('webhooks run when an invitation is redeemed');

  workflows.command('add <name> <url>')
    .description('add a workflow; prints the secret its deliveries are signed with (shown only this once)')
    .action(async (name: string, url: string, _options, command: Command) => {
      const workflow = await services.workflows.add(CLI_ACTOR, { name, url });
      print(command, output, workflow, (w) => [
        `added workflow "${w.name}" -> ${w.url}`,
        `secret: ${w.secret}`,
        'Each delivery carries X-InviteDesk-Signature: sha256=<HMAC-SHA256 of the body under this secret>.',
      ]);
    });

  workflows.command('list').description('list workflows').action(async (_options, command: Command) => {
    print(command, output, await services.workflows.list(CLI_ACTOR), (list) => list.map((w) => `${w.name}  ${w.url}`));
  });

  workflows.command('remove <name>').description('remove a workflow').action(async (name: string, _options, command: Command) => {
    await services.workflows.remove(CLI_ACTOR, name);
    print(command, output, { removed: name }, () => [`removed workflow "${name}"`]);
  });
}
