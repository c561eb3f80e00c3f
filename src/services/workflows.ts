import { z } from 'zod';
import { NotFoundError } from '../domain/errors.ts';
import type { Workflow } from '../domain/workflow.ts';
import { newWebhookSecret } from '../workflows/signature.ts';
import { webhookUrlProblem } from '../domain/webhookUrl.ts';
import type { Actor, ServiceContext } from './context.ts';
import { changeEvent } from './auditTrail.ts';
import { assertMay } from './permissions.ts';
import { parseInput } from './input.ts';

const workflowInput = z.object({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,49}$/, 'is 1-50 letters, digits, spaces, dots, dashes or underscores'),
  url: z.url({ message: 'must be a URL' }).superRefine((value, issues) => {
    const problem = webhookUrlProblem(value, { allowLocal: true, allowHttpLoopback: true });
    if (problem) issues.addIssue({ code: 'custom', message: problem });
  }),
});

/** Named webhooks run on redemption. The secret is shown once, when the workflow is added. */
export function workflowService(ctx: ServiceContext) {
  const { store } = ctx;
  /** What the trail keeps of a workflow: its name and URL, and that a secret was set (never the secret). */
  const audited = (w: Workflow | null) => w && { name: w.name, url: w.url, secret: w.secret };
  const audit = (actor: Actor, action: string, name: string, before: Workflow | null, after: Workflow | null) =>
    changeEvent(ctx, actor, action, `workflow:${name.toLowerCase()}`, audited(before), audited(after));

  return {
    async add(actor: Actor, input: { name: string; url: string }): Promise<Workflow> {
      await assertMay(ctx, actor, 'admin', 'managing workflows');
      const data = parseInput(workflowInput, input);
      const workflow: Workflow = { id: ctx.newId(), name: data.name, url: data.url, secret: newWebhookSecret(), createdAt: ctx.clock() };
      await store.workflows.insert(workflow, audit(actor, 'workflow.added', workflow.name, null, workflow));
      return workflow;
    },
    /** Inviters see the names (the invite form offers them); the secret never leaves. */
    async list(actor: Actor): Promise<Omit<Workflow, 'secret'>[]> {
      await assertMay(ctx, actor, 'inviter', 'choosing workflows');
      return (await store.workflows.list()).map(({ secret: _secret, ...workflow }) => workflow);
    },
    async remove(actor: Actor, name: string): Promise<void> {
      await assertMay(ctx, actor, 'admin', 'managing workflows');
      const existing = await store.workflows.findByName(name.trim());
      if (!existing || !(await store.workflows.remove(name.trim(), audit(actor, 'workflow.removed', existing.name, existing, null)))) {
        throw new NotFoundError('Workflow', `"${name.trim()}"`);
      }
    },
  };
}
