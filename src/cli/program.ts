import { Command, CommanderError } from 'commander';
import { DomainError, ValidationError } from '../domain/errors.ts';
import type { Services } from '../services/index.ts';
import { auditCommands } from './commands/audit.ts';
import { apiKeyCommands } from './commands/apiKeys.ts';
import { brandingCommands } from './commands/branding.ts';
import { contactCommands } from './commands/contacts.ts';
import { directoryCommands } from './commands/directory.ts';
import { inviteCommands } from './commands/invite.ts';
import { jobCommands } from './commands/jobs.ts';
import { staffCommands } from './commands/staff.ts';
import { templateCommands } from './commands/templates.ts';
import { workflowCommands } from './commands/workflows.ts';
import { webhookCommands } from './commands/webhooks.ts';
import type { Output } from './output.ts';

/** The admin CLI as a commander program over the services; `runCli` runs one command line. */
export function buildProgram(services: Services, output: Output): Command {
  const program = new Command('invite-desk')
    .description('Invite Desk admin CLI')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.out(text.trimEnd()), writeErr: (text) => output.err(text.trimEnd()) });
  contactCommands(program, services, output);
  directoryCommands(program, services, output);
  inviteCommands(program, services, output);
  staffCommands(program, services, output);
  workflowCommands(program, services, output);
  webhookCommands(program, services, output);
  templateCommands(program, services, output);
  brandingCommands(program, services, output);
  jobCommands(program, services, output);
  auditCommands(program, services, output);
  apiKeyCommands(program, services, output);
  for (const command of allCommands(program)) command.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Runs `args` (without `node script`) and returns the exit code; problems go to `output.err`. */
export async function runCli(services: Services, output: Output, args: string[]): Promise<number> {
  const program = buildProgram(services, output);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ValidationError) {
      output.err('error: the input is not valid:');
      for (const problem of error.problems) output.err(`  - ${problem.field}: ${problem.message}`);
      return 1;
    }
    if (error instanceof DomainError && error.expose) {
      output.err(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}
