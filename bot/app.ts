import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, type Storage } from 'botbuilder';
import type { Request, Response } from 'express';
import { activityProblem } from './activityShape.ts';
import type { BotDependencies } from './dependencies.ts';
import { registerRoutes } from './routes.ts';

export type BotCredentials = { appId: string; password: string; tenantId: string | null } | null;

/**
 * The Teams bot: a teams-ai Application on botbuilder's CloudAdapter (TeamsAdapter). With
 * credentials, Bot Framework tokens are validated; without (local use), activities are accepted
 * unauthenticated, for the Agents Playground.
 */
export function createBot(deps: BotDependencies & { storage: Storage; credentials: BotCredentials }) {
  const factory = new ConfigurationServiceClientCredentialFactory(deps.credentials
    ? { MicrosoftAppId: deps.credentials.appId, MicrosoftAppPassword: deps.credentials.password, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: deps.credentials.tenantId ?? undefined }
    : {});
  const adapter = new TeamsAdapter({}, factory);
  adapter.onTurnError = async (context, error) => {
    deps.logger.error({ err: error }, 'bot turn failed');
    await context.sendActivity('Something went wrong on our side. Please try again.');
  };
  const app = new Application<TurnState>({ adapter, storage: deps.storage, botAppId: deps.credentials?.appId ?? '' });
  registerRoutes(app, deps);
  return {
    app,
    adapter,
    /** Express handler for POST /api/messages. */
    async handle(req: Request, res: Response): Promise<void> {
      const problem = req.method === 'POST' ? activityProblem(req.body) : null;
      if (problem) {
        res.status(400).type('text/plain').send(`Not a Bot Framework activity: ${problem}`);
        return;
      }
      await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
    },
  };
}
