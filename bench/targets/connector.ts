/**
 * A stand-in for the Bot Framework connector the bot replies through: it accepts every reply
 * (`POST /v3/conversations/:id/activities`) and counts them; `GET /count` tells how many came,
 * and how many of them carried an Adaptive Card.
 */
import { createServer } from 'node:http';

let replies = 0;
let cards = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ replies, cards }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
      replies++;
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { attachments?: { contentType?: string }[] };
      if (activity.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')) cards++;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `reply-${replies}` }));
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
