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
 * `runbook_url`.
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
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key, incident.entityRef],
  );

  const runbooks = ownFirst(found, incident.entityRef);
  if (runbooks.length === 0) {
    let note = '';
    if (loading && alertnames.length) {
      note = ' (looking for runbooks of the alert…)';
    } else if (error) {
      note = ` (could not look up runbooks for ${alertnames.join(', ')})`;
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
      {runbooks.length === 1 ? 'Runbook' : 'Runbooks'} for{' '}
      <code>{alertnames.join(', ')}</code>:{' '}
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
