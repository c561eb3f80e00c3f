import type { DevMail } from '../../domain/devMail.ts';
import type { DevMailStore } from '../port.ts';
import type { DevMailDoc, Models } from './models.ts';
import { listPage } from './paging.ts';

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
