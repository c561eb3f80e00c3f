import type { TurnContext } from 'botbuilder';
import { isEmail } from '../../src/domain/email.ts';
import { cardActivity } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import type { StaffActor } from '../staffGate.ts';
import { reply, replyError } from './replies.ts';

const USAGE = 'staff add <object id> <roles> <name> [e-mail] · staff roles <object id> <roles> · staff remove <object id> (roles: admin, inviter, approver, viewer, comma-separated)';

/** `staff` for admins: list, add, change roles, remove. */
export function staffHandler(deps: BotDependencies) {
  const { staff } = deps.services;
  return async (context: TurnContext, actor: StaffActor): Promise<void> => {
    const [, action, objectId, roles, ...words] = (context.activity.text ?? '').trim().split(/\s+/);
    const { name, email } = nameAndEmail(words);
    const roleList = (roles ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    try {
      switch (action?.toLowerCase()) {
        case undefined:
        case 'list': {
          const members = (await staff.list(actor.id, { limit: 100 })).items.map((m) => ({ name: m.displayName, roles: m.roles.join(', '), id: m.id }));
          return void (await context.sendActivity(cardActivity('staffList', { members, usage: USAGE })));
        }
        case 'add': {
          const member = await staff.save(actor.id, { id: objectId ?? '', displayName: name, roles: roleList, email });
          return reply(context, 'Done', `${member.displayName} is staff now: ${member.roles.join(', ')}${member.email ? ` (${member.email})` : ''}.`, 'Good');
        }
        case 'roles': {
          const current = objectId ? await staff.get(objectId) : null;
          if (!current) return reply(context, 'That did not work', `There is no staff member ${objectId ?? ''}.`, 'Attention');
          const member = await staff.save(actor.id, { id: current.id, displayName: current.displayName, roles: roleList });
          return reply(context, 'Done', `${member.displayName} now has: ${member.roles.join(', ')}.`, 'Good');
        }
        case 'remove':
          if (objectId?.toLowerCase() === actor.id) return reply(context, 'That did not work', 'You cannot remove yourself; ask another admin.', 'Attention');
          await staff.remove(actor.id, objectId ?? '');
          return reply(context, 'Done', `${objectId} is no longer staff.`, 'Good');
        default:
          return reply(context, 'That did not work', USAGE, 'Attention');
      }
    } catch (error) {
      await replyError(context, error);
    }
  };
}

/** The words after the roles: the name, and a last word that is an e-mail address. */
function nameAndEmail(words: string[]): { name: string; email?: string } {
  const last = words.at(-1);
  return last && words.length > 1 && isEmail(last) ? { name: words.slice(0, -1).join(' '), email: last } : { name: words.join(' ') };
}
