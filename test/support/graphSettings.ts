import type { FakeGraph } from './fakeGraph.ts';

/** The service's Graph settings pointing at a fake Graph. */
export function graphEnv(fake: FakeGraph, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GRAPH_TENANT_ID: fake.tenantId, GRAPH_CLIENT_ID: fake.clientId, GRAPH_CLIENT_SECRET: fake.clientSecret,
    GRAPH_BASE_URL: fake.url, GRAPH_AUTHORITY_HOST: fake.authorityHost, MAIL_SENDER: 'invitations@contoso.com', ...extra,
  };
}

export function deliveryIdOf(mail: FakeGraph['sent'][number]): string | undefined {
  return mail.message.internetMessageHeaders?.find((h) => h.name === 'X-InviteDesk-Delivery')?.value ?? undefined;
}
