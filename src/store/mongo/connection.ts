import mongoose, { type Connection } from 'mongoose';
import { StoreUnavailableError } from '../unavailable.ts';

/** How long to wait for a server before a call fails: start-up, and every operation after it. */
const SERVER_SELECTION_TIMEOUT_MS = 5000;
/** `ping()` backs /readyz, so it answers within this, server or not. */
const PING_TIMEOUT_MS = 2000;

/** Hears each command sent to the server by name, and each answer (or failure) that ends one. */
export type CommandObserver = { started(commandName: string): void; ended(): void };

/**
 * Opens a connection of our own (never mongoose's global one). Commands are not buffered: while
 * the server is away calls fail within the server selection timeout instead of queueing forever.
 * Rejects with a one-line StoreUnavailableError that names the server but never its password.
 * `commands` hears every command sent (the driver's command monitoring, off without it).
 */
export async function connect(uri: string, commands?: CommandObserver): Promise<Connection> {
  let connection: Connection | undefined;
  try {
    connection = mongoose.createConnection(uri, {
      serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      connectTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
      monitorCommands: Boolean(commands),
    });
    if (commands) {
      const client = connection.getClient();
      client.on('commandStarted', (event) => commands.started(event.commandName));
      client.on('commandSucceeded', () => commands.ended());
      client.on('commandFailed', () => commands.ended());
    }
    return await connection.asPromise();
  } catch (error) {
    await connection?.close(true).catch(() => undefined);
    const problem = error instanceof Error && error.name === 'MongoParseError' ? 'Invalid MongoDB connection string' : 'Cannot reach MongoDB at';
    throw new StoreUnavailableError(`${problem} ${redactUri(uri)}: ${reasonOf(error, uri)}`);
  }
}

/** The URI with any password replaced, safe for logs and error messages. */
function redactUri(uri: string): string {
  return uri.replace(/^([a-z+]+:\/\/)([^@/]*)@/i, (_, scheme: string, userInfo: string) => {
    const user = userInfo.split(':')[0] ?? '';
    return `${scheme}${user}${userInfo.includes(':') ? ':***' : ''}@`;
  });
}

function reasonOf(error: unknown, uri: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const password = /^[a-z+]+:\/\/[^:@/]*:([^@/]*)@/i.exec(uri)?.[1];
  const firstLine = message.split('\n')[0]!.trim() || 'unknown error';
  return password ? firstLine.split(password).join('***').split(decodeSafely(password)).join('***') : firstLine;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Resolves when the server answers a ping, rejects otherwise: within PING_TIMEOUT_MS even when
 * the server hangs (the driver on its own waits for its monitor, up to its connect timeout).
 */
export async function ping(connection: Connection): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`MongoDB did not answer a ping within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([connection.db!.admin().command({ ping: 1 }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
