import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Framework connector: records the activities the bot posts back, the
 * messages it updates (PUT, with the conversation and activity id from the path), every
 * request (method and path), and the conversations the bot creates (each gets the id
 * `a:created-<n>`, or a 403 while `refuseNewConversations` is set, as Teams answers for someone
 * who cannot be reached).
 */
export async function startConnector() {
  const replies: Record<string, unknown>[] = [];
  const requests: { method: string; url: string }[] = [];
  const conversations: Record<string, unknown>[] = [];
  const updates: { conversationId: string; activityId: string; activity: Record<string, unknown> }[] = [];
  const settings = { refuseNewConversations: false };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '' });
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.method === 'POST' && /^\/v3\/conversations\/?(\?|$)/.test(req.url ?? '')) {
        if (settings.refuseNewConversations) return json(403, { error: { code: 'Forbidden', message: 'The bot is not installed for the user.' } });
        conversations.push(JSON.parse(body || '{}') as Record<string, unknown>);
        return json(200, { id: `a:created-${conversations.length}` });
      }
      if (req.method === 'POST' && /\/v3\/conversations\/.+\/activities/.test(req.url ?? '')) replies.push(JSON.parse(body || '{}') as Record<string, unknown>);
      const updated = req.method === 'PUT' ? /^\/v3\/conversations\/([^/]+)\/activities\/([^/?]+)/.exec(req.url ?? '') : null;
      if (updated) {
        updates.push({ conversationId: decodeURIComponent(updated[1]!), activityId: decodeURIComponent(updated[2]!), activity: JSON.parse(body || '{}') as Record<string, unknown> });
        return json(200, { id: decodeURIComponent(updated[2]!) });
      }
      json(200, { id: `reply-${replies.length}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replies,
    requests,
    conversations,
    updates,
    settings,
    /** Forgets what was recorded (between tests). */
    clear: () => { replies.length = 0; requests.length = 0; conversations.length = 0; updates.length = 0; settings.refuseNewConversations = false; },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
