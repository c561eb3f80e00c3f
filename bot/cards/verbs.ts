/** The `verb` of every card action, routed in routes.ts. */
export const VERBS = {
  listNextPage: 'list.next',
  inviteSubmit: 'invite.submit',
  inviteGroupSubmit: 'invite-group.submit',
  inviteManyPreview: 'invite-many.preview',
  inviteManyConfirm: 'invite-many.confirm',
  approve: 'approval.approve',
  reject: 'approval.reject',
  refreshApproval: 'approval.refresh',
  approvalsNextPage: 'approvals.next',
  extendInvitation: 'invitation.extend',
  resendInvitation: 'invitation.resend',
  revokeInvitation: 'invitation.revoke',
  resetRedemption: 'invitation.reset-redemption',
  saveTemplate: 'templates.save',
  previewTemplate: 'templates.preview',
  resetTemplate: 'templates.reset',
} as const;
