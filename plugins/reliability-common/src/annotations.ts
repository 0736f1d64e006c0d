/**
 * Location of the OpenSLO v1 documents of an entity: `url:` or a path relative
 * to the entity's own catalog-info file.
 *
 * @public
 */
export const ANNOTATION_OPENSLO = 'reliability-hub.io/openslo';

/**
 * Name(s) of the on-call schedule(s) of an entity, comma separated. When absent,
 * the schedules of the entity's owner group apply.
 *
 * @public
 */
export const ANNOTATION_ONCALL_SCHEDULE = 'reliability-hub.io/oncall-schedule';

/**
 * Location of the structured runbook files of an entity.
 *
 * @public
 */
export const ANNOTATION_RUNBOOKS = 'reliability-hub.io/runbooks';

/**
 * Alertmanager label matcher that maps alerts to an entity, e.g. `service=checkout`.
 *
 * @public
 */
export const ANNOTATION_ALERT_SELECTOR = 'reliability-hub.io/alert-selector';

/**
 * IANA time zone of a catalog User, e.g. `Europe/Berlin`: where on-call views
 * show a person's local time.
 *
 * @public
 */
export const ANNOTATION_TIMEZONE = 'reliability-hub.io/timezone';

/**
 * On a catalog Group: the user ref of the team's lead, e.g.
 * `user:default/lena.hoffmann`. The deploy gate names them as the approver of
 * exceptions for the group's components; without it, the group's members.
 *
 * @public
 */
export const ANNOTATION_TEAM_LEAD = 'reliability-hub.io/team-lead';
