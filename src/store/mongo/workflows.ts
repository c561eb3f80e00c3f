import { ConflictError } from '../../domain/errors.ts';
import type { Workflow } from '../../domain/workflow.ts';
import type { WorkflowStore } from '../port.ts';
import type { Models, WorkflowDoc } from './models.ts';
import { isDuplicateKey } from './writes.ts';
import { appendAudit } from './records.ts';

const toWorkflow = (doc: WorkflowDoc): Workflow => ({ id: doc._id, name: doc.name, url: doc.url, secret: doc.secret, createdAt: doc.createdAt });

export function mongoWorkflows(models: Models): WorkflowStore {
  const { workflows } = models;
  return {
    async insert(w, audit) {
      try {
        await workflows.create({ _id: w.id, name: w.name, nameKey: w.name.toLowerCase(), url: w.url, secret: w.secret, createdAt: w.createdAt });
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`A workflow named "${w.name}" already exists.`);
        throw error;
      }
      await appendAudit(models.audit, audit);
    },
    async findByName(name) {
      const doc = await workflows.findOne({ nameKey: name.toLowerCase() }).lean<WorkflowDoc>();
      return doc ? toWorkflow(doc) : null;
    },
    async list() {
      return (await workflows.find().sort({ nameKey: 1 }).lean<WorkflowDoc[]>()).map(toWorkflow);
    },
    async remove(name, audit) {
      const removed = (await workflows.deleteOne({ nameKey: name.toLowerCase() })).deletedCount > 0;
      if (removed) await appendAudit(models.audit, audit);
      return removed;
    },
  };
}
