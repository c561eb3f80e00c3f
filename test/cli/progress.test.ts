import assert from 'node:assert/strict';
import { cliOnFreshStore, runCliIn } from '../support/inProcessCli.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { newJob } from '../../src/domain/job.ts';
import { progressBar } from '../../src/cli/progress.ts';
import { runNode } from '../support/processes.ts';
import { tempDir } from '../support/tempDir.ts';

/** A stream that calls itself a terminal, keeping what is drawn on it. */
function terminal(isTTY = true) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  let drawn = '';
  stream.on('data', (chunk: Buffer) => { drawn += chunk.toString(); });
  return { stream, drawn: () => drawn };
}

const parsed = (...args: string[]) => new Command('invite-desk').option('--json').parse(args, { from: 'user' });

describe('admin CLI: progress of long work', () => {
  it('draws a bar on a terminal as the work goes, and nothing with --json or where there is no terminal', () => {
    const screen = terminal();
    const bar = progressBar(parsed(), 'contacts', screen.stream);
    bar.onProgress({ step: 'checking', done: 1, total: 10_000 });
    bar.onProgress({ step: 'writing', done: 10_000, total: 10_000 });
    bar.stop();
    assert.match(screen.drawn(), /contacts writing \[[^\]]+\] 10000\/10000/);

    for (const [command, stream] of [[parsed('--json'), terminal(true)], [parsed(), terminal(false)]] as const) {
      const silent = progressBar(command, 'contacts', stream.stream);
      silent.onProgress({ step: 'checking', done: 1, total: 2 });
      silent.stop();
      assert.equal(stream.drawn(), '');
    }
  });

  describe('as a process whose output is a pipe', function () {
    this.timeout(60_000);
    let dir: ReturnType<typeof tempDir>;
    beforeEach(() => { dir = tempDir(); });
    afterEach(() => dir.remove());

    it('imports 2,500 contacts printing only the result, as text or as --json', async () => {
      const csv = join(dir.path, 'contacts.csv');
      writeFileSync(csv, `firstName,lastName,email\n${Array.from({ length: 2500 }, (_, i) => `Ada${i},Lovelace,ada${i}@example.com`).join('\n')}\n`);
      const imported = await runNode('bin/invite-desk.js', ['contacts', 'import', csv], { DATA_DIR: dir.path });
      assert.deepEqual([imported.code, imported.stdout, imported.stderr], [0, 'imported 2500 contact(s)\n', '']);
      const again = await runNode('bin/invite-desk.js', ['--json', 'contacts', 'import', csv], { DATA_DIR: dir.path });
      assert.equal(again.stderr, '');
      assert.equal(JSON.parse(again.stdout).skipped.length, 2500);
    });
  });

  describe('dead letters', () => {
    const bed = cliOnFreshStore();

    async function cli(...args: string[]) {
      const { exitCode, stdout, stderr } = await runCliIn(bed.t.services, args);
      return { exitCode, stdout, stderr };
    }

    async function deadJob(id: string) {
      const now = bed.t.clock();
      await bed.store.jobs.enqueue(newJob({ id, kind: 'workflow', payload: {} }, now));
      const claimed = await bed.store.jobs.claim('worker', now, 60_000);
      assert.equal(claimed?.id, id);
      assert.ok(await bed.store.jobs.deadLetter(id, 'worker', 'the endpoint answered 500', now));
    }

    it('says "no dead letters" rather than nothing, and retries them all at once', async () => {
      assert.deepEqual(await cli('jobs', 'dead'), { exitCode: 0, stdout: 'no dead letters', stderr: '' });
      assert.deepEqual(JSON.parse((await cli('--json', 'jobs', 'dead')).stdout).items, []);

      await deadJob('job-1');
      await deadJob('job-2');
      assert.match((await cli('jobs', 'dead')).stdout, /^job-\d {2}dead/);
      assert.deepEqual(await cli('jobs', 'retry', '--all'), { exitCode: 0, stdout: 'queued again: 2 dead job(s)', stderr: '' });
      assert.equal((await bed.store.jobs.countByState({})).queued, 2);
      assert.equal((await bed.store.audit.listForSubject('job-1', { limit: 10 })).items[0]?.action, 'job.retried');
      assert.deepEqual(await cli('jobs', 'retry', '--all'), { exitCode: 0, stdout: 'no dead letters', stderr: '' });
      assert.equal((await cli('jobs', 'retry')).exitCode, 1, 'neither an id nor --all');
    });
  });
});
