/** A named webhook run when an invitation that names it is redeemed. */
export type Workflow = {
  id: string;
  name: string;
  url: string;
  /** Key of the HMAC-SHA256 signature on each delivery; shown to the admin once, at creation. */
  secret: string;
  createdAt: Date;
};
