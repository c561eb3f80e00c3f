import { cardMessage } from '../cards/render.ts';
import type { TurnContext } from 'botbuilder';
import { MAX_TABLE_CHARS } from '../../src/services/contactTable.ts';
import type { BotDependencies } from '../dependencies.ts';
import { downloadText, FILE_DOWNLOAD_INFO, FileDownloadError } from '../fileDownload.ts';
import { translator } from '../i18n/translate.ts';
import type { StaffActor } from '../staffGate.ts';
import { cardText } from './cardData.ts';
import { reply } from './replies.ts';

const DOWNLOAD_TIMEOUT_MS = 15_000;
const READABLE = ['csv', 'txt'];

type FileAttachment = { name?: string; contentType: string; content?: { downloadUrl?: unknown; fileType?: unknown } };

/** Whether the activity carries a file sent in personal chat (what Teams sends with `supportsFiles`). */
export async function carriesFile(context: TurnContext): Promise<boolean> {
  return context.activity.type === 'message' && (context.activity.attachments ?? []).some((a) => a.contentType === FILE_DOWNLOAD_INFO);
}

/** A CSV file sent to the bot: downloaded, and answered with the `invite many` preview of its contacts. */
export function inviteManyFileHandler(deps: BotDependencies, previewList: (actor: StaffActor, text: string) => Promise<Record<string, unknown>>) {
  return async (context: TurnContext, actor: StaffActor): Promise<void> => {
    const t = translator(actor.locale);
    const file = (context.activity.attachments ?? []).find((a) => a.contentType === FILE_DOWNLOAD_INFO) as FileAttachment;
    const type = cardText(file.content?.fileType).toLowerCase();
    if (!READABLE.includes(type)) {
      return reply(context, t('many.sendCsv'), t('many.csvHow'), 'Attention');
    }
    let text: string;
    try {
      text = await downloadText(cardText(file.content?.downloadUrl), { maxBytes: MAX_TABLE_CHARS, timeoutMs: DOWNLOAD_TIMEOUT_MS, extraHosts: deps.fileDownloadHosts });
    } catch (error) {
      if (!(error instanceof FileDownloadError)) throw error;
      return reply(context, t('many.unreadable'), error.message, 'Attention');
    }
    await context.sendActivity(cardMessage(await previewList(actor, text)));
  };
}
