import { join } from 'node:path';
import { resolveCodeSecret } from './codeSecret.ts';
import type { Config } from './config.ts';
import { createCodeVault } from './domain/codeVault.ts';
import { serviceContext, type ServiceContext } from './services/context.ts';
import { createServices, type Services } from './services/index.ts';
import type { Store } from './store/port.ts';
import { createSqliteStore } from './store/sqlite/index.ts';

/** The composition root: picks the store, builds the services. Shared by the server and the CLI. */
export type Runtime = { config: Config; store: Store; context: ServiceContext; services: Services; close(): Promise<void> };

export async function openRuntime(config: Config): Promise<Runtime> {
  const store = await openStore(config);
  const context = serviceContext({ store, vault: createCodeVault(resolveCodeSecret(config)) });
  return { config, store, context, services: createServices(context), close: () => store.close() };
}

async function openStore(config: Config): Promise<Store> {
  if (config.mongodbUri) {
    const { createMongoStore } = await import('./store/mongo/index.ts');
    return createMongoStore(config.mongodbUri);
  }
  return createSqliteStore(join(config.dataDir, 'invite-desk.sqlite'));
}
