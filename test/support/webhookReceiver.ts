import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Delivery = { headers: IncomingHttpHeaders; body: string };
export type Answer = { status: number; headers?: Record<string, string> };

/** A local HTTP endpoint that records webhook deliveries and answers from a script (then 200). */
export async function startWebhookReceiver() {
  const deliveries: Delivery[] = [];
  const script: Answer[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body });
      const answer = script.shift() ?? { status: 200 };
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    answerNext: (...answers: Answer[]) => script.push(...answers),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
