import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { AUDIT_CSV_HEADER, auditCsvRow, auditJsonLine } from '../../domain/auditExport.ts';
import type { AuditEntry, AuditQueryInput } from '../../services/audit.ts';
import type { Services } from '../../services/index.ts';
import { CLI_ACTOR } from '../actor.ts';
import { nextPageLine, pageOptions, print, streamLine, type Output } from '../output.ts';

const describe = (e: AuditEntry) =>
  `${e.at.toISOString()}  ${e.actorName} (${e.actor})  ${e.action}  ${e.subjectId}${Object.keys(e.detail).length ? `  ${JSON.stringify(e.detail)}` : ''}`;

const rangeOptions = (command: Command) => command
  .option('--since <date>', 'from this time on (ISO date or time, inclusive)')
  .option('--until <date>', 'before this time (ISO date or time, exclusive)');

const query = (options: Record<string, string | undefined>): AuditQueryInput =>
  ({ actor: options.actor, subject: options.subject, action: options.action, since: options.since, until: options.until });

function exportFormat(value: string): 'csv' | 'jsonl' {
  if (value === 'csv' || value === 'jsonl') return value;
  throw new InvalidArgumentError('use csv or jsonl');
}

export function auditCommands(program: Command, services: Services, output: Output): void {
  const audit = program.command('audit').description('the audit trail: who changed what, when');

  pageOptions(rangeOptions(audit.command('list')
    .description('list audit events, newest first')
    .option('--actor <id>', 'a staff member\'s object id, api:<client>, cli or system')
    .option('--subject <id|email>', 'the changed record\'s id, or a contact\'s e-mail')
    .option('--action <action>', 'e.g. contact.added, or a prefix: contact.*')))
    .action(async (options, command: Command) => {
      const page = await services.audit.list(CLI_ACTOR, query(options), { limit: options.limit, after: options.after });
      print(command, output, page, (p) => [...p.items.map(describe), ...nextPageLine(p.next)]);
    });

  rangeOptions(audit.command('export')
    .description('write the audit events of a range to stdout, oldest first, as CSV or JSON Lines (streamed)')
    .requiredOption('--format <format>', 'csv or jsonl', exportFormat)
    .option('--actor <id>', 'only this actor')
    .option('--subject <id|email>', 'only this record')
    .option('--action <action>', 'only this action (or prefix*)'))
    .action(async (options) => {
      const events = await services.audit.export(CLI_ACTOR, query(options));
      if (options.format === 'csv') await streamLine(output, AUDIT_CSV_HEADER);
      for await (const event of events) await streamLine(output, options.format === 'csv' ? auditCsvRow(event) : auditJsonLine(event));
    });
}
