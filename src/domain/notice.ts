export const NOTICE_COLORS = ['Default', 'Good', 'Warning', 'Attention'] as const;
export type NoticeColor = (typeof NOTICE_COLORS)[number];

/** What a `notice` job carries: whom to tell in Teams (a staff object id) and the card's title and text. */
export type Notice = { to: string; title: string; text: string; color: NoticeColor };

/**
 * Tells a staff member something in Teams (the bot's `createNotifier`). Throws PermanentJobError
 * when they cannot be reached at all; any other failure is retried.
 */
export type Notify = (to: string, title: string, text: string, color?: NoticeColor) => Promise<void>;

export function isNoticeColor(value: unknown): value is NoticeColor {
  return (NOTICE_COLORS as readonly unknown[]).includes(value);
}
