import { AUDIT_CSV_HEADER, auditCsvRow, auditJsonLine } from '../../../src/domain/auditExport.ts';
import type { AuditQueryInput } from '../../../src/services/audit.ts';
import { AUDIT_EXPORT_TYPES } from '../openapi/document.ts';
import type { ApiCall, ApiHandler } from '../router.ts';

const filterOf = (call: ApiCall): AuditQueryInput => {
  const { actor, subject, action, since, until } = call.query as Record<string, string | undefined>;
  return { actor, subject, action, since, until };
};

/** The audit trail (Admin): a page at a time, or a whole range streamed as CSV or JSON Lines. */
export const auditHandlers: Record<string, ApiHandler> = {
  async listAuditEvents(call) {
    const page = { limit: call.query.limit as number | undefined, after: call.query.after as string | undefined };
    return { status: 200, body: await call.services.audit.list(call.actor, filterOf(call), page) };
  },

  async exportAuditEvents(call) {
    const format = call.query.format as keyof typeof AUDIT_EXPORT_TYPES;
    const events = await call.services.audit.export(call.actor, filterOf(call));
    async function* lines() {
      if (format === 'csv') yield AUDIT_CSV_HEADER;
      for await (const event of events) yield format === 'csv' ? auditCsvRow(event) : auditJsonLine(event);
    }
    const extension = format === 'csv' ? 'csv' : 'jsonl';
    return {
      status: 200,
      headers: { 'Content-Disposition': `attachment; filename="audit-events.${extension}"` },
      stream: { mediaType: AUDIT_EXPORT_TYPES[format], lines: lines() },
    };
  },
};
