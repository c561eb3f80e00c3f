import type { TurnContext } from 'botbuilder';
import { BOT_COMMANDS } from '../../src/domain/botCommands.ts';
import { identifySpeaker, may } from '../access.ts';
import { cardActivity } from '../cards/render.ts';
import type { BotDependencies } from '../dependencies.ts';
import { localeOf } from '../i18n/locale.ts';
import { translator } from '../i18n/translate.ts';

/**
 * `help`, and any text that is no command ("I didn't understand" first): the commands this person
 * may use, each with its arguments. Someone who is not staff learns their Entra object id, which
 * an admin needs to add them. In the speaker's language (Danish descriptions from the bot's catalog).
 */
export function helpHandler(deps: BotDependencies) {
  const answer = (understood: boolean) => async (context: TurnContext): Promise<void> => {
    const speaker = await identifySpeaker(context.activity, deps.services, deps.adminObjectIds);
    const locale = localeOf(context.activity.locale);
    const t = translator(locale);
    const commands = BOT_COMMANDS.filter((command) => may(speaker, command.role))
      .map(({ name }) => ({ usage: t(`command.${name}.usage`), description: t(`command.${name}.description`) }));
    const opening = understood ? t('help.hello', { name: speaker.name }) : t('help.notUnderstood');
    await context.sendActivity(cardActivity('help', {
        greeting: commands.length ? t('help.typeCommand', { opening }) : opening,
        commands,
        noAccess: t('help.noAccess'),
        objectId: speaker.objectId ? t('help.objectId', { objectId: speaker.objectId }) : '',
      }, locale));
  };
  return { help: answer(true), notUnderstood: answer(false) };
}
