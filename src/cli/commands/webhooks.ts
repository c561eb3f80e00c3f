import type { Command } from 'commander';
import type { WebhookDelivery } from '../../domain/webhook.ts';
import type { Services } from '../../services/index.ts';
import type { WebhookInput, WebhookView } from '../../services/webhooks.ts';
import { CLI_ACTOR } from '../actor.ts';
import { collect, nextPageLine, pageOptions, print, type Output } from '../output.ts';

const describeWebhook = (w: WebhookView) =>
  `${w.id}  ${w.enabled ? 'enabled ' : 'disabled'}  ${w.url}  ${w.events.length ? w.events.join(',') : 'all events'}`;

const describeDelivery = (d: WebhookDelivery) =>
  [d.id, d.status.padEnd(9), d.eventType.padEnd(28), `event ${d.eventId}`, `attempts ${d.attempts}`,
    d.lastResponseCode === null ? '' : `last ${d.lastResponseCode}`, d.lastAttemptAt?.toISOString() ?? '', d.lastError ?? ''].filter(Boolean).join('  ');

export function webhookCommands(program: Command, services: Services, output: Output): void {
  const webhooks = program.command('webhooks').description('webhook subscriptions: invitation events POSTed, signed, to integrators');

  webhooks.command('add <url>')
    .description('subscribe an https URL; prints the secret its deliveries are signed with (shown only this once)')
    .option('--event <type>', 'an event type to send (repeat for more; default: every type)', collect, [])
    .action(async (url: string, options: { event: string[] }, command: Command) => {
      const webhook = await services.webhooks.add(CLI_ACTOR, { url, events: options.event as WebhookInput['events'] });
      print(command, output, webhook, (w) => [
        `added webhook ${describeWebhook(w)}`,
        `secret: ${w.secret}`,
        'Each delivery carries X-InviteDesk-Signature: sha256=<HMAC-SHA256 of the body under this secret>.',
      ]);
    });

  webhooks.command('list').description('list webhook subscriptions').action(async (_options, command: Command) => {
    print(command, output, await services.webhooks.list(CLI_ACTOR), (list) => (list.length ? list.map(describeWebhook) : ['no webhooks']));
  });

  webhooks.command('remove <id>').description('remove a subscription (deliveries not made yet are not made)').action(async (id: string, _options, command: Command) => {
    await services.webhooks.remove(CLI_ACTOR, id);
    print(command, output, { removed: id }, () => [`removed webhook ${id}`]);
  });

  for (const [name, enabled] of [['enable', true], ['disable', false]] as const) {
    webhooks.command(`${name} <id>`).description(`${name} a subscription`).action(async (id: string, _options, command: Command) => {
      print(command, output, await services.webhooks.setEnabled(CLI_ACTOR, id, enabled), (w) => [`${name}d webhook ${describeWebhook(w)}`]);
    });
  }

  pageOptions(webhooks.command('deliveries')
    .description('the delivery log, newest first: status, attempts, last response code and time')
    .option('--webhook <id>', 'only this subscription\'s')
    .option('--event-id <id>', 'only this event\'s')
    .option('--status <status>', 'pending, retrying, delivered or failed'))
    .action(async (options, command: Command) => {
      const page = await services.webhooks.deliveries(CLI_ACTOR, { subscriptionId: options.webhook, eventId: options.eventId, status: options.status }, { limit: options.limit, after: options.after });
      print(command, output, page, (p) => [...(p.items.length ? p.items.map(describeDelivery) : ['no deliveries']), ...nextPageLine(p.next)]);
    });

  webhooks.command('redeliver <deliveryId>').description('send a delivery again: the same event, with the same event id').action(async (id: string, _options, command: Command) => {
    print(command, output, await services.webhooks.redeliver(CLI_ACTOR, id), (d) => [`queued again: ${describeDelivery(d)}`]);
  });
}
