import type { TurnContext } from 'botbuilder';
import { isEmail } from '../../src/domain/email.ts';
import { cardActivity } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { reply, replyError } from './replies.ts';


/** `staff` for admins: list, add, change roles, remove. */
export function staffHandler(deps: BotDependencies) {
  const { staff } = deps.services;
  return async (context: TurnContext, actor: StaffActor): Promise<void> => {
    const t = translator(actor.locale);
    const [, action, objectId, roles, ...words] = (context.activity.text ?? '').trim().split(/\s+/);
    const { name, email } = nameAndEmail(words);
    const roleList = (roles ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    try {
      switch (action?.toLowerCase()) {
        case undefined:
        case 'list': {
          const members = (await staff.list(actor.id, { limit: 100 })).items.map((m) => ({ name: m.displayName, roles: m.roles.join(', '), id: m.id }));
          return void (await context.sendActivity(cardActivity('staffList', { members, usage: t('staff.usage') }, actor.locale)));
        }
        case 'add': {
          const member = await staff.save(actor.id, { id: objectId ?? '', displayName: name, roles: roleList, email });
          const added = { name: member.displayName, roles: member.roles.join(', '), email: member.email ?? '' };
          return reply(context, t('change.done'), t(member.email ? 'staff.addedWithEmail' : 'staff.added', added), 'Good');
        }
        case 'roles': {
          const current = objectId ? await staff.get(objectId) : null;
          if (!current) return reply(context, t('reply.failed'), t('staff.noSuchMember', { id: objectId ?? '' }), 'Attention');
          const member = await staff.save(actor.id, { id: current.id, displayName: current.displayName, roles: roleList });
          return reply(context, t('change.done'), t('staff.rolesNow', { name: member.displayName, roles: member.roles.join(', ') }), 'Good');
        }
        case 'remove':
          if (objectId?.toLowerCase() === actor.id) return reply(context, t('reply.failed'), t('staff.notYourself'), 'Attention');
          await staff.remove(actor.id, objectId ?? '');
          return reply(context, t('change.done'), t('staff.removed', { id: objectId ?? '' }), 'Good');
        default:
          return reply(context, t('reply.failed'), t('staff.usage'), 'Attention');
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
