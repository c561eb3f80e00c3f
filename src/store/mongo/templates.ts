import type { CustomTemplate } from '../../domain/mailTemplate.ts';
import type { TemplateStore } from '../port.ts';
import { tupleId, type Models, type TemplateDoc } from './models.ts';
import { upsertRetryingRace } from './writes.ts';
import { appendAudit } from './records.ts';

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
    async put(t, audit) {
      const doc: TemplateDoc = { _id: tupleId(t.name, t.locale), name: t.name, locale: t.locale, subject: t.subject, html: t.html, text: t.text, updatedBy: t.updatedBy, updatedAt: t.updatedAt };
      await upsertRetryingRace(() => templates.replaceOne({ _id: doc._id }, doc, { upsert: true }));
      await appendAudit(models.audit, audit);
    },
    async remove(name, locale, audit) {
      const removed = (await templates.deleteOne({ _id: tupleId(name, locale) })).deletedCount > 0;
      if (removed) await appendAudit(models.audit, audit);
      return removed;
    },
    async list() {
      return (await templates.find().sort({ name: 1, locale: 1 }).lean<TemplateDoc[]>()).map(toTemplate);
    },
  };
}
