/** The `verb` of every card action, routed in routes.ts. */
export const VERBS = {
  listNextPage: 'list.next',
  inviteSubmit: 'invite.submit',
  inviteGroupSubmit: 'invite-group.submit',
} as const;
