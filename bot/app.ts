// Deep paths, not the package's index: the index also loads teams-ai's AI planner, OpenAI client and
// tokenizer, which this bot never uses (a large part of start-up time and idle memory).
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';
import {
  ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity, type ConfigurationBotFrameworkAuthenticationOptions, type Storage, type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'express';
import { isLoopbackAddress } from '../src/loopback.ts';
import { activityProblem } from './activityShape.ts';
import type { BotDependencies } from './dependencies.ts';
import { registerRoutes } from './routes.ts';
import { serviceUrlAllowed, type ReplyPolicy } from './serviceUrls.ts';
import { tokenFailureStatus } from './tokenFailures.ts';

export type BotCredentials = { appId: string; password: string; tenantId: string | null } | null;

/** teams-ai's adapter, with the turn of an already authenticated request in reach. */
class EndpointAdapter extends TeamsAdapter {
  runAuthenticated(authentication: Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authentication, activity, logic);
  }
}

/**
 * The Teams bot: a teams-ai Application on botbuilder's CloudAdapter (TeamsAdapter). With
 * credentials, Bot Framework tokens are validated and replies go only to Bot Framework hosts;
 * without (local use, the Agents Playground), activities are accepted unauthenticated, but only
 * from callers on this machine, and replies go only to this machine.
 */
export function createBot(deps: BotDependencies & {
  storage: Storage; credentials: BotCredentials;
  /** botbuilder's Bot Framework endpoints (token issuers, signing keys, login); the public cloud unless given. */
  authSettings?: ConfigurationBotFrameworkAuthenticationOptions;
}) {
  const factory = new ConfigurationServiceClientCredentialFactory(deps.credentials
    ? { MicrosoftAppId: deps.credentials.appId, MicrosoftAppPassword: deps.credentials.password, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: deps.credentials.tenantId ?? undefined }
    : {});
  const authConfig = deps.authSettings ?? {};
  const authentication = new ConfigurationBotFrameworkAuthentication(authConfig, factory);
  const adapter = new EndpointAdapter(authConfig, factory);
  adapter.onTurnError = async (context, error) => {
    deps.logger.error({ err: error }, 'bot turn failed');
    await context.sendActivity('Something went wrong on our side. Please try again.');
  };
  const app = new Application<TurnState>({ adapter, storage: deps.storage, botAppId: deps.credentials?.appId ?? '' });
  registerRoutes(app, deps);
  const replyPolicy: ReplyPolicy = deps.credentials ? 'bot-framework' : 'loopback';
  const refuse = (res: Response, status: number, text: string, log: Record<string, unknown>, why: string) => {
    deps.logger.warn(log, `bot activity refused: ${why}`);
    res.status(status).type('text/plain').send(text);
  };
  return {
    app,
    adapter,
    replyPolicy,
    /** Express handler for POST /api/messages. */
    handle: async (req: Request, res: Response): Promise<void> => {
      // The socket's own address: `req.ip` follows X-Forwarded-For, which a caller can write.
      const caller = req.socket.remoteAddress;
      if (!deps.credentials && !isLoopbackAddress(caller)) {
        return refuse(res, 403, 'Without BOT_ID this bot serves only this machine.', { caller }, 'the caller is not on this machine and the bot runs without BOT_ID');
      }
      const problem = activityProblem(req.body);
      if (problem) {
        res.status(400).type('text/plain').send(`Not a Bot Framework activity: ${problem}`);
        return;
      }
      const activity = req.body as Activity;
      if (!serviceUrlAllowed(activity.serviceUrl, replyPolicy)) {
        return refuse(res, 403, 'This bot does not reply to that serviceUrl.', { serviceUrl: activity.serviceUrl.slice(0, 200), caller },
          replyPolicy === 'loopback' ? 'its serviceUrl is not on this machine (no BOT_ID)' : 'its serviceUrl is not a Bot Framework host');
      }
      let authenticated;
      try {
        authenticated = await authentication.authenticateRequest(activity, String(req.headers.authorization ?? ''));
      } catch (error) {
        const status = tokenFailureStatus(error);
        if (status === 503) return refuse(res, 503, 'The service cannot check Bot Framework tokens right now. Try again later.', { err: error }, 'the Bot Framework signing keys could not be fetched');
        return refuse(res, 401, 'Unauthorized.', { reason: error instanceof Error ? error.message : String(error), caller }, 'no valid Bot Framework token');
      }
      stampTimes(activity);
      const invokeResponse = await adapter.runAuthenticated(authenticated, activity, (context) => app.run(context).then(() => undefined));
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
      else res.end();
    },
  };
}

/** The activity's timestamps as dates, as botbuilder's own request handling leaves them. */
function stampTimes(activity: Activity): void {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field]);
    }
  }
}
