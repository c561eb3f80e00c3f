import type { LoadResult } from '../load.ts';
import { runLoad, startMeasuredServer } from '../support/processes.ts';
import { expectStatuses, loadScenario, type ScenarioResult } from '../support/results.ts';
import { BENCH_ADMIN, BENCH_TENANT, type BenchSettings } from '../support/settings.ts';

/**
 * `echo-bot`: the `bot-roundtrip` load against the echo bot (bench/targets/echoBot.ts), replying
 * to a connector stand-in of its own; every answered turn must have sent its card.
 */
export async function echoBotScenario(settings: BenchSettings, baseline: LoadResult): Promise<{ load: LoadResult; result: ScenarioResult }> {
  const connector = await startMeasuredServer('bench/targets/connector.ts', {}, { readyPath: '/count' });
  const bot = await startMeasuredServer('bench/targets/echoBot.ts', {});
  try {
    const load = await runLoad({
      kind: 'bot', url: bot.url, connections: settings.connections, durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds,
      text: 'list', serviceUrl: connector.url, tenantId: BENCH_TENANT, adminObjectId: BENCH_ADMIN,
    });
    const { cards } = await (await fetch(`${connector.url}/count`)).json() as { cards: number };
    const answered = load.statusCodes['200'] ?? 0;
    if (cards < answered) throw new Error(`echo-bot: ${answered} turns answered but only ${cards} cards reached the connector`);
    return { load, result: loadScenario('echo-bot', null, load, baseline, [expectStatuses('echo-bot', load, { 200: 'all' }), `echo-bot: ${cards} cards for ${answered} measured turns`]) };
  } finally {
    await Promise.all([bot.stop(), connector.stop()]);
  }
}
