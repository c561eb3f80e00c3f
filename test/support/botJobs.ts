import assert from 'node:assert/strict';
import { createBot } from '../../bot/app.ts';
import { createApprovalCards } from '../../bot/notices/approvalCards.ts';
import { createNotifier } from '../../bot/notices/notifier.ts';
import { StoreBotStorage } from '../../bot/storage.ts';
import type { Job } from '../../src/domain/job.ts';
import { noticeHandler } from '../../src/jobs/handlers/notice.ts';
import { webhookEventHandler } from '../../src/jobs/handlers/webhookEvent.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import type { createServices } from '../../src/services/index.ts';
import type { Store } from '../../src/store/port.ts';
import { ADMIN, TENANT } from './botTestbed.ts';
import { silentLogger } from './mailTestbed.ts';
import type { TestClock } from './services.ts';

/**
 * Runs every queued job as the service's worker would: notices and approval cards through the bot's
 * own adapter (to the connector stand-in the activities name), mail sends to `onSend`. Fails the
 * test when a job does not go through.
 */
export async function runBotJobs(s: { store: Store; services: ReturnType<typeof createServices>; clock: TestClock }, onSend: (job: Job) => void = () => {}): Promise<void> {
  const bot = createBot({
    services: s.services, logger: silentLogger, storage: new StoreBotStorage(s.store.botState), botState: s.store.botState, credentials: null,
    allowedTenants: [TENANT], adminObjectIds: [ADMIN],
  });
  const notify = createNotifier({ adapter: bot.adapter, botAppId: '', store: s.store, replyPolicy: 'loopback' });
  const cards = createApprovalCards({ adapter: bot.adapter, botAppId: '', services: s.services, botState: s.store.botState, logger: silentLogger, replyPolicy: 'loopback' });
  const worker = createWorker({
    store: s.store, logger: silentLogger, clock: s.clock, concurrency: 1, maxAttempts: 1,
    handlers: { notice: noticeHandler(notify, cards), 'invitation.send': async (job) => { onSend(job); }, 'webhook.event': webhookEventHandler(s) },
  });
  const results = await worker.drain();
  assert.deepEqual(results.filter((r) => r.result !== 'done').map((r) => [r.job.id, r.result]), [], 'every job went through');
}
