/**
 * The store cannot be reached or opened at start: a server that does not answer, a connection
 * string that cannot be read. Its message names the store and the reason in one line; a stack
 * trace would say nothing more to the operator reading it.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
