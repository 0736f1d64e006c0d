/**
 * Who may own something (an action item, a runbook, an SLO's component): a
 * person or a team.
 *
 * @internal
 */
export const OWNER_KINDS: Array<'User' | 'Group'> = ['User', 'Group'];
