import type { TurnContext } from 'botbuilder';
import { BOT_COMMANDS } from '../../src/domain/botCommands.ts';
import { identifySpeaker, may } from '../access.ts';
import { renderCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';

/**
 * `help`, and any text that is no command ("I didn't understand" first): the commands this person
 * may use, each with its arguments. Someone who is not staff learns their Entra object id, which
 * an admin needs to add them.
 */
export function helpHandler(deps: BotDependencies) {
  const answer = (understood: boolean) => async (context: TurnContext): Promise<void> => {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    const commands = BOT_COMMANDS.filter((command) => may(speaker, command.role)).map(({ usage, description }) => ({ usage, description }));
    const opening = understood ? `Hello ${speaker.name}.` : 'I didn\'t understand that.';
    await context.sendActivity({
      attachments: [renderCard('help', {
        greeting: commands.length ? `${opening} Type one of these commands:` : opening,
        commands,
        noAccess: 'You are not set up to use Invite Desk yet. Ask an Invite Desk admin to add you as staff.',
        objectId: speaker.objectId ? `Give them your Microsoft Entra object id: ${speaker.objectId}` : '',
      })],
    });
  };
  return { help: answer(true), notUnderstood: answer(false) };
}
