/** A portal role a redeemer is given (Dynamics: web role). */
export type WebRole = { id: string; name: string; createdAt: Date };
