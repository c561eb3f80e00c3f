import type { Job } from '../../../src/domain/job.ts';
import type { ApiCall, ApiHandler } from '../router.ts';

const page = (call: ApiCall) => ({ limit: call.query.limit as number | undefined, after: call.query.after as string | undefined });
/** What the API shows of a job: not its payload (addresses, texts) nor its lease. */
const job = ({ id, kind, subjectId, state, attempts, runAt, lastError, createdAt, updatedAt }: Job) => ({ id, kind, subjectId, state, attempts, runAt, lastError, createdAt, updatedAt });

/** The outbox, workflows and staff, as the CLI and the bot's admin commands manage them. */
export const administrationHandlers: Record<string, ApiHandler> = {
  async listJobs(call) {
    const { state, kind, subject } = call.query as Record<string, string | undefined>;
    const result = await call.services.jobs.list(call.actor, { state, kind, subjectId: subject }, page(call));
    return { status: 200, body: { items: result.items.map(job), next: result.next } };
  },

  async retryJob(call) {
    return { status: 200, body: job(await call.services.jobs.retry(call.actor, call.params.job!)) };
  },

  async listWorkflows(call) {
    return { status: 200, body: { items: await call.services.workflows.list(call.actor) } };
  },

  async createWorkflow(call) {
    const { name, url } = call.body as { name: string; url: string };
    return { status: 201, body: await call.services.workflows.add(call.actor, { name, url }) };
  },

  async removeWorkflow(call) {
    await call.services.workflows.remove(call.actor, call.params.workflow!);
    return { status: 204 };
  },

  async listStaff(call) {
    return { status: 200, body: await call.services.staff.list(call.actor, page(call)) };
  },

  async saveStaffMember(call) {
    const { displayName, roles, email } = call.body as { displayName: string; roles: string[]; email?: string };
    return { status: 200, body: await call.services.staff.save(call.actor, { id: call.params.member!, displayName, roles, email }) };
  },

  async removeStaffMember(call) {
    await call.services.staff.remove(call.actor, call.params.member!);
    return { status: 204 };
  },
};
