import type { TurnContext } from 'botbuilder';
import { BOT_COMMANDS } from '../../src/domain/botCommands.ts';
import { identifySpeaker, may } from '../access.ts';
import { renderCard } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';

/** `help`, and any text that is no command: the commands this person may use. */
export function helpHandler(deps: BotDependencies) {
  return async (context: TurnContext): Promise<void> => {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    const commands = BOT_COMMANDS.filter((command) => may(speaker, command.role)).map(({ usage, description }) => ({ usage, description }));
    await context.sendActivity({
      attachments: [renderCard('help', {
        greeting: `Hello ${speaker.name}. Type one of these commands:`,
        commands,
        noAccess: 'You are not set up to use Invite Desk yet. Ask an Invite Desk admin to add you as staff.',
      })],
    });
  };
}
