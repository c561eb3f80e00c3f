/** The audit trail's name for changes made through the admin CLI. */
export const CLI_ACTOR = 'cli';
