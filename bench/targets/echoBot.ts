/**
 * The echo bot: a trivial `@microsoft/teams-ai` Application on the same adapter as the service's
 * bot (TeamsAdapter, no credentials: unauthenticated activities, as the service takes them
 * locally), answering every message with a small Adaptive Card through the connector in the
 * activity's serviceUrl. No turn state in a store, no staff check, no templating: the yardstick
 * of `bot-roundtrip`.
 */
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { CardFactory, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import express from 'express';

const adapter = new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
const app = new Application<TurnState>({ adapter, botAppId: '' });
app.message(/.*/, async (context) => {
  await context.sendActivity({
    attachments: [CardFactory.adaptiveCard({
      type: 'AdaptiveCard', version: '1.5',
      body: [{ type: 'TextBlock', text: `You said: ${context.activity.text ?? ''}`, wrap: true }],
    })],
  });
});

const server = express();
server.get('/readyz', (_req, res) => { res.json({ ready: true }); });
server.post('/api/messages', express.json({ limit: '1mb' }), (req, res, next) => {
  adapter.process(req, res, async (context) => { await app.run(context); }).catch(next);
});
server.listen(Number(process.env.PORT));
