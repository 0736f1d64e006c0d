import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Runbook,
  RunbookDetail,
  RunbookEscalation,
} from '@reliability-hub/plugin-reliability-common';
import { DetailPage } from '../../shared/DetailPage';
import { InertMarkdown } from '../../shared/InertMarkdown';
import { useRunbookLinks } from '../links';
import { RunbookHeader } from '../RunbookHeader';
import { RunbookSteps } from '../RunbookSteps';

/** Contacts people can click: web addresses and e-mail addresses. */
function Contact(props: { contact: string }) {
  const { contact } = props;
  if (/^https?:\/\//i.test(contact)) {
    return <Link to={contact}>{contact}</Link>;
  }
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact)) {
    return <Link to={`mailto:${contact}`}>{contact}</Link>;
  }
  return <code>{contact}</code>;
}

function escalationTitle(rung: RunbookEscalation, index: number): string {
  const level = `Level ${rung.level ?? index + 1}`;
  return rung.who ? `${level}: ${rung.who}` : level;
}

function Escalation(props: { escalation: RunbookEscalation[] }) {
  if (props.escalation.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No escalation path in this runbook; page the entity's on-call.
      </Typography>
    );
  }
  return (
    <Box component="ol" m={0} pl={2.5}>
      {props.escalation.map((rung, index) => (
        <li key={index}>
          <Typography variant="body2">
            <strong>{escalationTitle(rung, index)}</strong> –{' '}
            <Contact contact={rung.contact} />
            {rung.after && <> (after {rung.after})</>}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

function Verification(props: { checks: string[] }) {
  if (props.checks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No verification checks in this runbook.
      </Typography>
    );
  }
  return (
    <Box display="flex" flexDirection="column">
      {props.checks.map((check, index) => (
        <FormControlLabel
          key={index}
          control={<Checkbox size="small" color="primary" />}
          label={<Typography variant="body2">{check}</Typography>}
        />
      ))}
    </Box>
  );
}

function StructuredRunbook(props: { runbook: Runbook }) {
  const { runbook } = props;
  return (
    <>
      {(runbook.description || runbook.prerequisites.length > 0) && (
        <Grid item xs={12}>
          <InfoCard title="Before you start">
            {runbook.description && (
              <InertMarkdown content={runbook.description} />
            )}
            {runbook.prerequisites.length > 0 && (
              <>
                <Typography variant="subtitle2" component="h3">
                  You need
                </Typography>
                <Box component="ul" m={0} pl={2.5}>
                  {runbook.prerequisites.map((item, index) => (
                    <li key={index}>
                      <Typography variant="body2">{item}</Typography>
                    </li>
                  ))}
                </Box>
              </>
            )}
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={8}>
        <InfoCard
          title="Steps"
          subheader="In order; decisions say where to go next"
        >
          {runbook.steps.length ? (
            <RunbookSteps steps={runbook.steps} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              This runbook has no steps.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <Box display="flex" flexDirection="column" gridGap={24}>
          <InfoCard title="Verification" subheader="When is it fixed?">
            <Verification checks={runbook.verification} />
          </InfoCard>
          <InfoCard
            title="Escalation"
            subheader="Who to call when this does not help"
          >
            <Escalation escalation={runbook.escalation} />
          </InfoCard>
        </Box>
      </Grid>
    </>
  );
}

function LinkedRunbook(props: { runbook: RunbookDetail }) {
  const { runbook } = props;
  return (
    <Grid item xs={12}>
      <InfoCard title="Where this runbook lives">
        {runbook.description && (
          <Typography variant="body2" paragraph>
            {runbook.description}
          </Typography>
        )}
        {runbook.url ? (
          <Link to={runbook.url} externalLinkIcon>
            {runbook.url}
          </Link>
        ) : (
          <Typography variant="body2" color="textSecondary">
            The link has no address.
          </Typography>
        )}
      </InfoCard>
    </Grid>
  );
}

/**
 * One runbook: its header, description, prerequisites, numbered steps with
 * copyable commands and decision branches, the verification checklist and the
 * escalation path. Link-only runbooks show where they live.
 *
 * @internal
 */
export function RunbookPage(props: { runbookId: string }) {
  const links = useRunbookLinks();
  return (
    <DetailPage
      id={props.runbookId}
      load={(api, id) => api.getRunbook(id)}
      noun="runbook"
      missingDescription="It may have been removed from its file, or the link is wrong. The runbook library lists every runbook."
      back={() => ({ to: links.library, label: 'Runbook library' })}
      header={runbook => <RunbookHeader runbook={runbook} />}
    >
      {runbook => (
        <>
          {runbook.runbook ? (
            <StructuredRunbook runbook={runbook.runbook} />
          ) : (
            <LinkedRunbook runbook={runbook} />
          )}
        </>
      )}
    </DetailPage>
  );
}
