import { CLI_ACTOR } from '../actor.ts';
import type { Command } from 'commander';
import type { Services } from '../../services/index.ts';
import { nextPageLine, pageOptions, print, type Output } from '../output.ts';

/** `accounts add|list` and `roles add|list`: the named records invitations refer to. */
export function directoryCommands(program: Command, services: Services, output: Output): void {
  const kinds = [
    { command: 'accounts', label: 'account', service: services.accounts },
    { command: 'roles', label: 'web role', service: services.webRoles },
  ] as const;
  for (const kind of kinds) {
    const group = program.command(kind.command).description(`${kind.label}s`);
    group.command('add <name>').description(`add a ${kind.label}`).action(async (name: string, _options, command: Command) => {
      const record = await kind.service.add(name, CLI_ACTOR);
      print(command, output, record, (r) => [`added ${kind.label} ${r.id}  ${r.name}`]);
    });
    pageOptions(group.command('list').description(`list ${kind.label}s, newest first`)).action(async (options, command: Command) => {
      const page = await kind.service.list({ limit: options.limit, after: options.after });
      print(command, output, page, (p) => [...p.items.map((r) => `${r.id}  ${r.name}`), ...nextPageLine(p.next)]);
    });
  }
}
