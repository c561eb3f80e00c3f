import type { Logger } from '../src/logger.ts';
import type { Services } from '../src/services/index.ts';
import type { BotStateStore } from '../src/store/port.ts';

/** What the bot's handlers are built from. */
export type BotDependencies = {
  services: Services;
  logger: Logger;
  allowedTenants: readonly string[];
  adminObjectIds: readonly string[];
  /** Where each person's personal chat is remembered, for notices (the store's bot state). */
  botState: BotStateStore;
  /** Hosts (`host:port`) besides Microsoft's SharePoint that files sent to the bot may be downloaded from: the tests' local stand-in. */
  fileDownloadHosts?: readonly string[];
};
