/** Who did what to which record. `actor` is a staff id, `cli` for the admin CLI, or `system`. */
export type AuditEvent = {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subjectId: string;
  detail: Record<string, unknown>;
};
