import type { TurnContext } from 'botbuilder';
import { hasRole, type StaffRole } from '../src/domain/staff.ts';
import { identifySpeaker } from './access.ts';
import { localeOf, type BotLocale } from './i18n/locale.ts';
import type { BotDependencies } from './dependencies.ts';
import { refusal, refuse } from './handlers/replies.ts';

/** A staff member let through: the object id services are called with, their roles (for what a card offers) and the language they speak (from the activity's locale). */
export type StaffActor = { id: string; roles: readonly StaffRole[]; locale: BotLocale };

/** A route's handler once the gate has let the speaker through; `data` is a card action's data. */
export type StaffHandler<Data, Result = void> = (context: TurnContext, actor: StaffActor, data: Data) => Promise<Result>;

/**
 * The bot's one early refusal. Each route names the role it needs (typed commands from the command
 * table, card actions where they are registered); anyone else gets the same answer whatever they
 * asked about, before anything is looked up. The services check the role again: they decide, this
 * only answers sooner and in the words of the command.
 */
export function staffGate(deps: BotDependencies) {
  async function admit(context: TurnContext, role: StaffRole): Promise<StaffActor | null> {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    if (!speaker.objectId || !speaker.member || !hasRole(speaker.member, role)) return null;
    return { id: speaker.objectId, roles: speaker.member.roles, locale: localeOf(context.activity.locale) };
  }

  return {
    /** A typed command or a card's Action.Submit: a refusal is a reply. */
    reply<Data>(role: StaffRole, command: string, handler: StaffHandler<Data>) {
      return async (context: TurnContext, _state: unknown, data?: Data): Promise<void> => {
        const actor = await admit(context, role);
        if (!actor) return refuse(context, command);
        return handler(context, actor, data as Data);
      };
    },
    /** A card's Action.Execute: a refusal is the message the invoke answers with, never a card. */
    answer<Data, Card>(role: StaffRole, command: string, handler: StaffHandler<Data, Card | string>) {
      return async (context: TurnContext, _state: unknown, data: Data): Promise<Card | string> => {
        const actor = await admit(context, role);
        if (!actor) return refusal(command, localeOf(context.activity.locale));
        return handler(context, actor, data);
      };
    },
  };
}
