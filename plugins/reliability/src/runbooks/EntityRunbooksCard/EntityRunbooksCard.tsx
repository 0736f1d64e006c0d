import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_RUNBOOKS,
  EntityRunbooks,
  RunbookRecord,
} from '@reliability-hub/plugin-reliability-common';
import { Fragment } from 'react';
import { SeverityChip } from '../../incidents/SeverityChip';
import { relativeTime } from '../../shared/time';
import { SummaryError } from '../../summary/SummaryError';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';
import { AlertList } from '../AlertList';
import { lastReviewedText } from '../format';
import { useRunbookLinks } from '../links';
import { RereadFilesButton } from '../../shared/RereadFilesButton';
import { RunbookProblems } from '../RunbookProblems';
import { RunbookTitleLink } from '../RunbookTitleLink';
import { StaleBadge } from '../StaleBadge';

function RunbookItem(props: { runbook: RunbookRecord }) {
  const { runbook } = props;
  const reviewed = lastReviewedText(runbook);
  return (
    <Box component="li" py={1} aria-label={runbook.title}>
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={8}>
        <Typography variant="subtitle1" component="span">
          <RunbookTitleLink runbook={runbook} />
        </Typography>
        {runbook.severity && <SeverityChip severity={runbook.severity} />}
        <StaleBadge runbook={runbook} />
      </Box>
      <AlertList alerts={runbook.alerts} />
      <Typography variant="caption" color="textSecondary">
        {runbook.kind === 'link' ? 'Link from the entity' : reviewed}
      </Typography>
    </Box>
  );
}

function NotConfigured() {
  return (
    <>
      <MissingAnnotationEmptyState annotation={ANNOTATION_RUNBOOKS} />
      <Typography variant="body2" color="textSecondary">
        Links in <code>metadata.links</code> with <code>type: runbook</code> are
        listed here too.
      </Typography>
    </>
  );
}

function NoRunbooks(props: { runbooks: EntityRunbooks }) {
  const { problems, refreshedAt } = props.runbooks;
  if (refreshedAt === null) {
    return (
      <EmptyState
        missing="data"
        title="Runbook files not read yet"
        description="The portal reads them shortly after it starts and then regularly; owners can read them now with the refresh button above."
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title="No runbooks yet"
      description={
        problems.length
          ? 'None of the runbook files could be read; fix the problems above.'
          : `The files that ${ANNOTATION_RUNBOOKS} points at hold no runbooks.`
      }
    />
  );
}

function RunbookList(props: { runbooks: EntityRunbooks }) {
  const { runbooks, problems, refreshedAt } = props.runbooks;
  return (
    <>
      <RunbookProblems problems={problems} />
      {runbooks.length === 0 ? (
        <NoRunbooks runbooks={props.runbooks} />
      ) : (
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {runbooks.map((runbook, index) => (
            <Fragment key={runbook.id}>
              {index > 0 && <Divider component="li" aria-hidden />}
              <RunbookItem runbook={runbook} />
            </Fragment>
          ))}
        </Box>
      )}
      {refreshedAt && (
        <Typography variant="caption" color="textSecondary" component="p">
          Runbook files read {relativeTime(refreshedAt)}
        </Typography>
      )}
    </>
  );
}

/**
 * The entity's runbooks: structured ones (opening their page) and links
 * (`type: runbook`), each with its severity, the alerts it answers, when it
 * was last reviewed and a badge when the review is overdue; problems of
 * invalid runbook files for the owners to fix.
 *
 * @remarks
 * Reads the entity summary, the one call the entity page makes for all
 * Reliability Hub cards.
 *
 * @public
 */
export function EntityRunbooksCard() {
  const links = useRunbookLinks();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useEntityReliabilitySummary();
  const runbooks = value?.runbooks;

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <SummaryError error={error} title="Could not load runbooks" />;
  } else if (value && !runbooks) {
    body = (
      <EmptyState
        missing="info"
        title="Runbooks not available"
        description="The Reliability Hub backend of this portal does not answer runbooks yet. Update @reliability-hub/plugin-reliability-backend to show them here."
      />
    );
  } else if (runbooks && !runbooks.configured) {
    body = <NotConfigured />;
  } else if (runbooks) {
    body = <RunbookList runbooks={runbooks} />;
  }

  return (
    <InfoCard
      title="Runbooks"
      subheader="What to do when its alerts fire"
      deepLink={{ title: 'Runbook library', link: links.library }}
      action={
        runbooks?.configured && (
          <RereadFilesButton
            compact
            entityRef={entityRef}
            files="runbooks"
            onDone={retry}
          />
        )
      }
    >
      {body}
    </InfoCard>
  );
}
