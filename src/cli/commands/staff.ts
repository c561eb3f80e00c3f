import type { Command } from 'commander';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { nextPageLine, pageOptions, print, type Output } from '../output.ts';
import type { StaffMember } from '../../domain/staff.ts';

export function staffCommands(program: Command, services: Services, output: Output): void {
  const staff = program.command('staff').description('staff members who use the Teams bot');

  staff.command('add <objectId>')
    .description('add a staff member (or change their name and roles) by Entra object id')
    .requiredOption('--name <displayName>', 'display name')
    .requiredOption('--roles <roles>', 'comma-separated: admin, inviter, approver, viewer')
    .option('--email <address>', 'where notices go by mail when Teams cannot reach them ("" for none; kept when left out)')
    .action(async (objectId: string, options, command: Command) => {
      const roles = String(options.roles).split(',').map((r) => r.trim()).filter(Boolean);
      const member = await services.staff.save(CLI_ACTOR, { id: objectId, displayName: options.name, roles, email: options.email });
      print(command, output, member, (m) => [`saved ${m.id}  ${memberName(m)}  [${m.roles.join(', ')}]`]);
    });

  pageOptions(staff.command('list').description('list staff members')).action(async (options, command: Command) => {
    const page = await services.staff.list(CLI_ACTOR, { limit: options.limit, after: options.after });
    print(command, output, page, (p) => [...p.items.map((m) => `${m.id}  ${memberName(m)}  [${m.roles.join(', ')}]`), ...nextPageLine(p.next)]);
  });

  staff.command('remove <objectId>').description('remove a staff member').action(async (objectId: string, _options, command: Command) => {
    await services.staff.remove(CLI_ACTOR, objectId);
    print(command, output, { removed: objectId }, () => [`removed ${objectId}`]);
  });
}

const memberName = (member: StaffMember) => (member.email ? `${member.displayName} <${member.email}>` : member.displayName);
