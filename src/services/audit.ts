import { z } from 'zod';
import type { AuditEvent } from '../domain/audit.ts';
import { isEmail } from '../domain/email.ts';
import type { AuditFilter, Page } from '../store/port.ts';
import { resolveContact } from './contacts.ts';
import type { Actor, ServiceContext } from './context.ts';
import { pageInput, parseInput, type PageInput } from './input.ts';
import { assertMay } from './permissions.ts';
import { actorDisplayName } from './staffNames.ts';

const when = z.union([z.date(), z.string().trim().min(1)]).pipe(z.coerce.date({ message: 'is not a date (e.g. 2026-06-01 or 2026-06-01T12:00:00Z)' }));

const auditQuery = z.object({
  /** A staff member's object id, `api:<client>`, `cli` or `system`. */
  actor: z.string().trim().min(1).max(200).transform((a) => a.toLowerCase()).optional(),
  /** A record's id, or a contact's primary e-mail. */
  subject: z.string().trim().min(1).max(200).optional(),
  /** Exact (`contact.added`), or a prefix ending in `*` (`contact.*`). */
  action: z.string().trim().min(1).max(100).transform((a) => a.toLowerCase()).optional(),
  since: when.optional(),
  until: when.optional(),
}).refine((q) => !q.since || !q.until || q.since < q.until, { message: 'must be after since', path: ['until'] });
export type AuditQueryInput = z.input<typeof auditQuery>;

/** An audit event with its actor named for people ("the admin CLI", a staff member's name; never an id). */
export type AuditEntry = AuditEvent & { actorName: string };

/**
 * The audit trail for admins: a filtered, paged listing and an export of any range. The one home
 * of audit reading: the bot, the CLI and the API call it.
 */
export function auditService(ctx: ServiceContext) {
  const mayRead = (actor: Actor) => assertMay(ctx, actor, 'admin', 'reading the audit trail');

  async function toFilter(input: AuditQueryInput): Promise<AuditFilter> {
    const data = parseInput(auditQuery, input);
    const subjectId = data.subject && isEmail(data.subject) ? (await resolveContact(ctx, data.subject)).id : data.subject;
    return { actor: data.actor, subjectId, action: data.action, since: data.since, until: data.until };
  }

  /** Names actors once each (an export meets the same few again and again). */
  function actorNames() {
    const names = new Map<string, Promise<string>>();
    return (actor: string) => {
      let name = names.get(actor);
      if (!name) names.set(actor, name = actorDisplayName(ctx, actor));
      return name;
    };
  }

  return {
    async list(actor: Actor, input: AuditQueryInput = {}, page: PageInput = {}): Promise<Page<AuditEntry>> {
      await mayRead(actor);
      const result = await ctx.store.audit.list(await toFilter(input), parseInput(pageInput, page));
      const nameOf = actorNames();
      return { items: await Promise.all(result.items.map(async (e) => ({ ...e, actorName: await nameOf(e.actor) }))), next: result.next };
    },

    /**
     * Every event in the range, oldest first, as the store streams it: the permission and the
     * filter are checked now, the events read as the caller iterates (one batch held at a time).
     */
    async export(actor: Actor, input: AuditQueryInput = {}): Promise<AsyncIterable<AuditEntry>> {
      await mayRead(actor);
      const filter = await toFilter(input);
      const nameOf = actorNames();
      const { store } = ctx;
      return {
        async *[Symbol.asyncIterator]() {
          for await (const event of store.audit.stream(filter)) yield { ...event, actorName: await nameOf(event.actor) };
        },
      };
    },
  };
}
