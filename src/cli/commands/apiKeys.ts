import type { Command } from 'commander';
import { API_ROLES } from '../../domain/apiClient.ts';
import type { ApiKeyView } from '../../services/apiKeys.ts';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { nextPageLine, pageOptions, print, type Output } from '../output.ts';

const describe = (k: ApiKeyView) =>
  `${k.id}  ${k.prefix}…  ${k.name}  [${k.roles.join(', ')}]  ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : `last used ${k.lastUsedAt?.toISOString() ?? 'never'}`}`;

/** `apikeys create|list|revoke`: API keys for systems that call /api/v1 without Entra ID. */
export function apiKeyCommands(program: Command, services: Services, output: Output): void {
  const keys = program.command('apikeys').description('API keys for systems that call the REST API without Entra ID');

  keys.command('create')
    .description('create a key; it is printed once (only its hash is kept)')
    .requiredOption('--name <name>', 'who uses it, e.g. "CRM sync"')
    .requiredOption('--roles <roles>', `comma-separated: ${API_ROLES.join(', ')}`)
    .action(async (options, command: Command) => {
      const roles = String(options.roles).split(',').map((r) => r.trim()).filter(Boolean);
      const created = await services.apiKeys.create(CLI_ACTOR, { name: options.name, roles });
      print(command, output, created, (c) => [
        `created ${describe(c.apiKey)}`,
        `key: ${c.key}`,
        'Store the key now: it is not shown again. Send it as the X-API-Key header.',
      ]);
    });

  pageOptions(keys.command('list').description('list keys, newest first, with when each was last used'))
    .action(async (options, command: Command) => {
      const page = await services.apiKeys.list(CLI_ACTOR, { limit: options.limit, after: options.after });
      print(command, output, page, (p) => [...p.items.map(describe), ...nextPageLine(p.next)]);
    });

  keys.command('revoke <key>')
    .description('revoke a key (its id, or the prefix "list" shows): it is refused from the next request on')
    .action(async (reference: string, _options, command: Command) => {
      const key = await services.apiKeys.revoke(CLI_ACTOR, reference);
      print(command, output, key, (k) => [`revoked ${describe(k)}`]);
    });
}
