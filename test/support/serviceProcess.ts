import { startServer, type RunningServer } from '../../testkit/serverProcess.ts';

/** `node bin/server.ts` in its own process on env.PORT or a free port, ready when `/readyz` answers; logs at info unless `env` says otherwise. */
export function startService(env: Record<string, string>): Promise<RunningServer> {
  return startServer('bin/server.ts', { LOG_LEVEL: 'info', ...env });
}
