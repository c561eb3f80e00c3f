import type { DevMail } from '../../domain/devMail.ts';
import { ConcurrentChangeError, ConflictError } from '../../domain/errors.ts';
import type { CustomTemplate } from '../../domain/mailTemplate.ts';
import { nextRateSlot } from '../../domain/rateSlot.ts';
import type { Workflow } from '../../domain/workflow.ts';
import type { DevMailStore, RateSlotStore, TemplateStore, WorkflowStore } from '../port.ts';
import { backOff, casWrite } from './cas.ts';
import { tupleId, type DevMailDoc, type Models, type RateSlotDoc, type TemplateDoc, type WorkflowDoc } from './models.ts';
import { listPage } from './paging.ts';
import { isDuplicateKey, upsertRetryingRace } from './writes.ts';

/* The smaller stores of the mail and workflow side: rate slots, templates, workflows, dev mailbox. */

const RATE_SLOT_ATTEMPTS = 50;

export function mongoRateSlots(models: Models): RateSlotStore {
  const { rateSlots, markers } = models;
  return {
    async reserve(key, intervalMs, now, maxWaitMs) {
      for (let attempt = 0; attempt < RATE_SLOT_ATTEMPTS; attempt++) {
        const stored = await rateSlots.findById(key).lean<RateSlotDoc>();
        const slot = nextRateSlot(stored?.nextAt ?? null, now, intervalMs, maxWaitMs);
        if (!slot.ok) return slot;
        const nextAt = slot.nextFreeAt;
        try {
          const reserved = stored ? await casWrite(markers, rateSlots, stored, { nextAt }) : await rateSlots.create({ _id: key, nextAt, revision: 0 });
          if (reserved) return { ok: true, at: slot.at };
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        await backOff(attempt);
      }
      throw new ConcurrentChangeError(`The rate slot ${key}`);
    },
  };
}

const toTemplate = (doc: TemplateDoc): CustomTemplate => ({
  name: doc.name, locale: doc.locale, subject: doc.subject, html: doc.html, text: doc.text, updatedBy: doc.updatedBy, updatedAt: doc.updatedAt,
});

export function mongoTemplates(models: Models): TemplateStore {
  const { templates } = models;
  return {
    async get(name, locale) {
      const doc = await templates.findById(tupleId(name, locale)).lean<TemplateDoc>();
      return doc ? toTemplate(doc) : null;
    },
    async put(t) {
      const doc: TemplateDoc = { _id: tupleId(t.name, t.locale), name: t.name, locale: t.locale, subject: t.subject, html: t.html, text: t.text, updatedBy: t.updatedBy, updatedAt: t.updatedAt };
      await upsertRetryingRace(() => templates.replaceOne({ _id: doc._id }, doc, { upsert: true }));
    },
    async remove(name, locale) {
      return (await templates.deleteOne({ _id: tupleId(name, locale) })).deletedCount > 0;
    },
    async list() {
      return (await templates.find().sort({ name: 1, locale: 1 }).lean<TemplateDoc[]>()).map(toTemplate);
    },
  };
}

const toWorkflow = (doc: WorkflowDoc): Workflow => ({ id: doc._id, name: doc.name, url: doc.url, secret: doc.secret, createdAt: doc.createdAt });

export function mongoWorkflows(models: Models): WorkflowStore {
  const { workflows } = models;
  return {
    async insert(w) {
      try {
        await workflows.create({ _id: w.id, name: w.name, nameKey: w.name.toLowerCase(), url: w.url, secret: w.secret, createdAt: w.createdAt });
      } catch (error) {
        if (isDuplicateKey(error)) throw new ConflictError(`A workflow named "${w.name}" already exists.`);
        throw error;
      }
    },
    async findByName(name) {
      const doc = await workflows.findOne({ nameKey: name.toLowerCase() }).lean<WorkflowDoc>();
      return doc ? toWorkflow(doc) : null;
    },
    async list() {
      return (await workflows.find().sort({ nameKey: 1 }).lean<WorkflowDoc[]>()).map(toWorkflow);
    },
    async remove(name) {
      return (await workflows.deleteOne({ nameKey: name.toLowerCase() })).deletedCount > 0;
    },
  };
}

const toDevMail = (doc: DevMailDoc): DevMail => ({ id: doc._id, at: doc.at, from: doc.from, to: doc.to, subject: doc.subject, html: doc.html, text: doc.text });

export function mongoDevMail(models: Models): DevMailStore {
  return {
    async append(mail) {
      await models.devMail.create({ _id: mail.id, at: mail.at, from: mail.from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text });
    },
    async list(page) {
      return listPage(models.devMail, {}, page, toDevMail, 'at');
    },
  };
}
