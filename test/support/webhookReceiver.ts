import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Delivery = { headers: IncomingHttpHeaders; body: string };
export type Answer = { status: number; headers?: Record<string, string> };

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);

/**
 * A local endpoint that records webhook deliveries and answers from a script (then 200). Plain
 * HTTP by default (a workflow on localhost); `https: true` presents the test certificate that
 * `npm test` trusts (NODE_EXTRA_CA_CERTS), as a webhook subscription needs.
 */
export async function startWebhookReceiver(options: { https?: boolean } = {}) {
  const deliveries: Delivery[] = [];
  const script: Answer[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body });
      const answer = script.shift() ?? { status: 200 };
      res.writeHead(answer.status, answer.headers).end();
    });
  };
  const server = options.https
    ? createHttpsServer({ cert: readFileSync(new URL('localhost-test-only.pem', TLS_DIR)), key: readFileSync(new URL('localhost-test-only.key', TLS_DIR)) }, handle)
    : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.https ? 'https' : 'http'}://127.0.0.1:${port}/hook`,
    deliveries,
    answerNext: (...answers: Answer[]) => script.push(...answers),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
