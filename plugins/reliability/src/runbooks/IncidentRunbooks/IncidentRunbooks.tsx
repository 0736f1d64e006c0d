import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import {
  IncidentDetail,
  RunbookRecord,
} from '@reliability-hub/plugin-reliability-common';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { useRunbookLinks } from '../links';
import { RunbookTitleLink } from '../RunbookTitleLink';
import { StaleBadge } from '../StaleBadge';
import { alertNamesOf } from './alertNames';

/** An incident rarely groups more alerts; more are not worth a request each. */
const MAX_ALERTS = 3;

async function runbooksFor(
  lookup: (alertname: string) => Promise<{ runbooks: RunbookRecord[] }>,
  alertnames: string[],
): Promise<RunbookRecord[]> {
  const answers = await Promise.all(alertnames.map(name => lookup(name)));
  const byId = new Map<string, RunbookRecord>();
  for (const answer of answers) {
    for (const runbook of answer?.runbooks ?? []) {
      byId.set(runbook.id, runbook);
    }
  }
  return [...byId.values()];
}

/** Runbooks listed on an incident declared by hand, from its component. */
const MAX_ENTITY_RUNBOOKS = 3;

/**
 * For an incident declared by hand (no alert to look up): the component's
 * structured runbooks for the incident's severity, else all of them, at most
 * {@link MAX_ENTITY_RUNBOOKS}.
 */
export function entityRunbooksFor(
  runbooks: RunbookRecord[],
  severity: string,
): RunbookRecord[] {
  const forSeverity = runbooks.filter(r => r.severity === severity);
  return (forSeverity.length ? forSeverity : runbooks).slice(
    0,
    MAX_ENTITY_RUNBOOKS,
  );
}

/**
 * The runbooks of the incident's own entity when it has some for the alert;
 * else those of other entities that answer the same alert.
 */
function ownFirst(runbooks: RunbookRecord[], entityRef: string) {
  const own = runbooks.filter(runbook => runbook.entityRef === entityRef);
  return own.length ? own : runbooks;
}

function AlertRunbookUrl(props: { url: string | null; prefix: string }) {
  if (!props.url) {
    return null;
  }
  return (
    <>
      {props.prefix}
      <Link to={props.url}>{props.url}</Link>
    </>
  );
}

/**
 * The "Runbook" line of an incident: the runbooks whose `alerts` name the
 * alert that opened it (the incident's own entity first), else the alert's
 * `runbook_url`; for an incident declared by hand, the component's runbooks
 * (those for its severity first).
 *
 * @internal
 */
export function IncidentRunbooks(props: { incident: IncidentDetail }) {
  const { incident } = props;
  const api = useApi(reliabilityApiRef);
  const links = useRunbookLinks();
  const alertnames = alertNamesOf(incident).slice(0, MAX_ALERTS);
  const key = alertnames.join('\n');
  const {
    value: found = [],
    loading,
    error,
  } = useAsync(
    async () =>
      alertnames.length
        ? runbooksFor(
            name =>
              api.getRunbooksForAlert(name, { entityRef: incident.entityRef }),
            alertnames,
          )
        : api
            .getEntityRunbooks(incident.entityRef)
            .then(answer =>
              entityRunbooksFor(answer.runbooks, incident.severity),
            ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key, incident.entityRef, incident.severity],
  );

  const runbooks = alertnames.length
    ? ownFirst(found, incident.entityRef)
    : found;
  if (runbooks.length === 0) {
    let note = '';
    if (loading) {
      note = alertnames.length
        ? ' (looking for runbooks of the alert…)'
        : ' (looking for runbooks of the component…)';
    } else if (error) {
      note = alertnames.length
        ? ` (could not look up runbooks for ${alertnames.join(', ')})`
        : ' (could not look up the runbooks of the component)';
    }
    return (
      <Typography variant="body2">
        Runbook:{' '}
        {incident.runbookUrl ? (
          <Link to={incident.runbookUrl}>{incident.runbookUrl}</Link>
        ) : (
          'none linked'
        )}
        {note}
      </Typography>
    );
  }

  // The alert's runbook_url may already point at one of these runbooks
  // (a link's address, or a runbook page of this portal).
  const alertUrl = incident.runbookUrl;
  const otherUrl = runbooks.some(
    r => r.url === alertUrl || Boolean(alertUrl?.endsWith(links.runbook(r.id))),
  )
    ? null
    : alertUrl;
  return (
    <Typography variant="body2" component="div">
      {runbooks.length === 1 ? 'Runbook' : 'Runbooks'}{' '}
      {alertnames.length ? (
        <>
          for <code>{alertnames.join(', ')}</code>:{' '}
        </>
      ) : (
        'of this component: '
      )}
      {runbooks.map((runbook, index) => (
        <span key={runbook.id}>
          {index > 0 && ', '}
          <RunbookTitleLink runbook={runbook} />
          {runbook.stale && (
            <>
              {' '}
              <StaleBadge runbook={runbook} />
            </>
          )}
        </span>
      ))}
      <AlertRunbookUrl url={otherUrl} prefix=" · linked by the alert: " />
    </Typography>
  );
}
