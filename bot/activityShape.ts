import { z } from 'zod';

/**
 * The parts of an incoming activity that botbuilder and the handlers rely on, with their types. An
 * activity that does not fit is answered 400 before it reaches the adapter: botbuilder would
 * otherwise fail half way through the turn (a number as `conversation.tenantId` breaks the reply's
 * serialisation, a missing `conversation` a property read) and answer 500. Fields not listed pass
 * through as they are. An activity that fits must never fail a turn (an entity without a type once
 * did: "Something went wrong").
 */
const optionalText = z.string().max(10_000).nullish();
const account = z.looseObject({
  id: z.string().min(1).max(1000),
  name: optionalText,
  aadObjectId: z.string().max(100).nullish(),
  role: optionalText,
});
const activityShape = z.looseObject({
  type: z.string().min(1).max(100),
  id: z.string().max(1000).nullish(),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: z.string().min(1).max(1000),
    name: optionalText,
    tenantId: z.string().max(100).nullish(),
    conversationType: optionalText,
    isGroup: z.boolean().nullish(),
    aadObjectId: optionalText,
    role: optionalText,
  }),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(100).nullish() }).nullish() }).nullish(),
  text: z.string().max(100_000).nullish(),
  textFormat: optionalText,
  locale: optionalText,
  replyToId: optionalText,
  name: optionalText,
  action: optionalText,
  deliveryMode: optionalText,
  timestamp: z.string().refine((value) => !Number.isNaN(Date.parse(value))).nullish(),
  localTimestamp: z.string().refine((value) => !Number.isNaN(Date.parse(value))).nullish(),
  membersAdded: z.array(account).nullish(),
  membersRemoved: z.array(account).nullish(),
  // botbuilder reads every entity's type as text, and a mention's `mentioned.id` and `text` (removing the bot's mention from the text).
  entities: z.array(z.looseObject({ type: z.string().min(1).max(1000) }).refine(
    (entity) => entity.type.toLowerCase() !== 'mention' || isMention(entity),
    { message: 'a mention needs mentioned.id and text' },
  )).max(100).nullish(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(1000) })).nullish(),
}).refine((activity) => typeof activity.text === 'string' || !activity.entities?.some((entity) => entity.type.toLowerCase() === 'mention'), {
  message: 'an activity with mentions needs text', path: ['text'],
}).refine((activity) => activity.name !== 'composeExtension/query' || queryParametersFit(activity.value), {
  // teams-ai reads every parameter's name before any handler (or role check) runs.
  message: 'a message extension query needs its parameters as a list of { name, value }', path: ['value', 'parameters'],
});

function queryParametersFit(value: unknown): boolean {
  const parameters = (value as { parameters?: unknown } | null | undefined)?.parameters;
  if (parameters === undefined || parameters === null) return true;
  return Array.isArray(parameters) && parameters.length <= 20
    && parameters.every((parameter) => typeof parameter === 'object' && parameter !== null && typeof (parameter as { name?: unknown }).name === 'string');
}

function isMention(entity: Record<string, unknown>): boolean {
  const mentioned = entity.mentioned as Record<string, unknown> | null | undefined;
  return typeof mentioned === 'object' && mentioned !== null && typeof mentioned.id === 'string' && typeof entity.text === 'string';
}

/** What is wrong with the body as an activity (for the 400 answer), or null when it will do. */
export function activityProblem(body: unknown): string | null {
  const result = activityShape.safeParse(body);
  if (result.success) return null;
  return result.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'activity'}: ${issue.message}`).join('; ');
}
