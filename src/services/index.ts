import type { Account } from '../domain/account.ts';
import type { ApiClient } from '../domain/apiClient.ts';
import type { WebRole } from '../domain/webRole.ts';
import { apiKeyService } from './apiKeys.ts';
import { approvalService } from './approvals.ts';
import { auditService } from './audit.ts';
import { brandingService } from './branding.ts';
import { invitationService } from './invitations.ts';
import { contactAdminService } from './contactAdmin.ts';
import { contactService } from './contacts.ts';
import type { ServiceContext } from './context.ts';
import { namedService } from './directory.ts';
import { directoryAdminService } from './directoryAdmin.ts';
import { customerAccountService } from './customerAccounts.ts';
import { jobService } from './jobs.ts';
import { requestKeyService } from './requestKeys.ts';
import { staffService } from './staff.ts';
import { statsService } from './stats.ts';
import { templateService } from './templates.ts';
import { workflowService } from './workflows.ts';
import { webhookService } from './webhooks.ts';

/** Every use case, wired to one context. Entry points (HTTP, CLI, bot) hold one of these. */
export function createServices(ctx: ServiceContext): Services {
  return {
    ...useCases(ctx),
    /** The same use cases acting for one API client (the API's edge makes one per request): its actor is granted what its app roles grant. */
    forApiClient: (client: ApiClient) => createServices({ ...ctx, apiClient: client }),
  };
}

function useCases(ctx: ServiceContext) {
  return {
    /** The service clock: edges read typed dates ("7d") against it, never against the wall clock. */
    clock: ctx.clock,
    contacts: contactService(ctx),
    contactAdmin: contactAdminService(ctx),
    accounts: namedService<Account>(ctx, ctx.store.accounts, 'Account'),
    webRoles: namedService<WebRole>(ctx, ctx.store.webRoles, 'Web role'),
    /** Accounts and web roles by hand, each change checked and audited (the API's; the CLI seeds with `accounts`/`webRoles`). */
    accountAdmin: directoryAdminService<Account>(ctx, ctx.store.accounts, 'Account', 'account'),
    webRoleAdmin: directoryAdminService<WebRole>(ctx, ctx.store.webRoles, 'Web role', 'web-role'),
    staff: staffService(ctx),
    invitations: invitationService(ctx),
    approvals: approvalService(ctx),
    templates: templateService(ctx),
    branding: brandingService(ctx),
    workflows: workflowService(ctx),
    webhooks: webhookService(ctx),
    jobs: jobService(ctx),
    customers: customerAccountService(ctx),
    audit: auditService(ctx),
    stats: statsService(ctx),
    apiKeys: apiKeyService(ctx),
    requestKeys: requestKeyService(ctx),
  };
}

export type Services = ReturnType<typeof useCases> & { forApiClient(client: ApiClient): Services };
