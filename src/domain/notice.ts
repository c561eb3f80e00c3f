export const NOTICE_COLORS = ['Default', 'Good', 'Warning', 'Attention'] as const;
export type NoticeColor = (typeof NOTICE_COLORS)[number];

/**
 * A notice as a message key and its values, for the bot to word in the reader's language (its
 * catalog's `notice.<key>.title` and `.text`); the notice's own title and text are the English.
 * A value may itself be a message (a part of the text, worded from `notice.<key>`), and `lines`
 * follow the text, one a line, each worded from `notice.<key>` too.
 */
export type NoticeMessage = { key: string; values: Record<string, string | NoticeMessage>; lines?: NoticeMessage[] };

/** How deep parts may nest in a notice message read back from a job. */
const MESSAGE_DEPTH = 3;
/** Lines a notice message may carry. */
const MESSAGE_LINES = 100;

/** What a `notice` job carries: whom to tell in Teams (a staff object id), the card's title and text (English), and the same as a message. */
export type Notice = { to: string; title: string; text: string; color: NoticeColor; message?: NoticeMessage };

/**
 * Tells a staff member something in Teams (the bot's `createNotifier`). Throws PermanentJobError
 * when they cannot be reached at all; any other failure is retried.
 */
export type Notify = (to: string, title: string, text: string, color?: NoticeColor, message?: NoticeMessage) => Promise<void>;

export function isNoticeMessage(value: unknown, depth = MESSAGE_DEPTH): value is NoticeMessage {
  const message = value as Partial<NoticeMessage> | null;
  if (depth < 0 || !message || typeof message !== 'object' || typeof message.key !== 'string' || !message.values || typeof message.values !== 'object') return false;
  const lines = message.lines;
  return Object.values(message.values).every((one) => typeof one === 'string' || isNoticeMessage(one, depth - 1))
    && (lines === undefined || (Array.isArray(lines) && lines.length <= MESSAGE_LINES && lines.every((line) => isNoticeMessage(line, depth - 1))));
}

export function isNoticeColor(value: unknown): value is NoticeColor {
  return (NOTICE_COLORS as readonly unknown[]).includes(value);
}

/**
 * What a notice job about an approval card carries (in `approvalCard`, beside the text notice it
 * falls back to): post the card of an invitation to a staff member's personal chat or to the
 * approvers' conversation, or bring every posted copy up to date after a decision. `viewer` is the
 * staff member (or `cli`) on whose behalf the invitation is read to render the card. With `batch`,
 * `invitationId` is the id of a batch (`invite many`) and the card is the batch's one approval card.
 */
export type ApprovalCardNotice = (
  | { action: 'post'; invitationId: string; viewer: string; to: string }
  | { action: 'post-shared'; invitationId: string; viewer: string; conversation: Record<string, unknown> }
  | { action: 'update'; invitationId: string; viewer: string; decidedAt: string }
) & { batch?: true };

/**
 * Posts and updates approval cards in Teams (the bot's `createApprovalCards`). `post` resolves
 * false when the person has no personal chat with the bot (the job then falls back to the text
 * notice); failures throw as with Notify.
 */
export type ApprovalCards = {
  post(notice: ApprovalCardNotice & { action: 'post' | 'post-shared' }): Promise<boolean>;
  update(notice: ApprovalCardNotice & { action: 'update' }): Promise<void>;
};

export function isApprovalCardNotice(value: unknown): value is ApprovalCardNotice {
  const notice = value as Partial<Record<string, unknown>> | null;
  if (!notice || typeof notice !== 'object' || typeof notice.invitationId !== 'string' || typeof notice.viewer !== 'string') return false;
  if (notice.action === 'post') return typeof notice.to === 'string';
  if (notice.action === 'post-shared') return !!notice.conversation && typeof notice.conversation === 'object';
  return notice.action === 'update' && typeof notice.decidedAt === 'string';
}
