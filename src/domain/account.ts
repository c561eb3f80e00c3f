/** A customer organisation; a redeemer's parent company. */
export type Account = { id: string; name: string; createdAt: Date };
