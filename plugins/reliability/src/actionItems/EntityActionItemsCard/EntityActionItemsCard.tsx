import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ActionItem,
  EntityActionItemSummary,
} from '@reliability-hub/plugin-reliability-common';
import { useReliabilityLinks } from '../../shared/links';
import { SummaryError } from '../../summary/SummaryError';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    gap: theme.spacing(3),
    marginBottom: theme.spacing(1),
  },
  value: { fontSize: '1.4rem', fontWeight: 600, lineHeight: 1.3 },
  alarm: { color: theme.palette.error.main },
  item: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  main: { flex: 1, minWidth: 0 },
  title: { fontWeight: 500 },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
  muted: { color: theme.palette.text.secondary },
}));

function Figure(props: { label: string; value: string; alarm?: boolean }) {
  const classes = useStyles();
  return (
    <div>
      <Typography variant="caption" className={classes.muted}>
        {props.label}
      </Typography>
      <Typography
        className={`${classes.value} ${props.alarm ? classes.alarm : ''}`}
      >
        {props.value}
      </Typography>
    </div>
  );
}

function dueText(item: ActionItem): string {
  if (item.overdue) {
    return `Overdue since ${item.dueDate}`;
  }
  return item.dueDate ? `Due ${item.dueDate}` : 'No due date';
}

function ItemRow(props: { item: ActionItem }) {
  const { item } = props;
  const classes = useStyles();
  const links = useReliabilityLinks();
  return (
    <div className={classes.item}>
      <Typography variant="body2">{item.priority}</Typography>
      <div className={classes.main}>
        <Typography variant="body2" className={classes.title}>
          {item.title}
        </Typography>
        <Typography variant="caption" className={classes.muted} component="div">
          <EntityRefLink entityRef={item.owner} /> ·{' '}
          <Link to={links.postmortem(item.entityRef, item.postmortemId)}>
            postmortem
          </Link>
        </Typography>
      </div>
      <Typography
        variant="body2"
        className={item.overdue ? classes.overdue : classes.muted}
      >
        {dueText(item)}
      </Typography>
    </div>
  );
}

function Body(props: { summary: EntityActionItemSummary }) {
  const { summary } = props;
  const classes = useStyles();
  if (summary.items.length === 0 && summary.completionRate === null) {
    return (
      <Typography className={classes.muted}>
        No action items for this component. They come from postmortems: open a
        resolved incident on the Incidents tab, write its postmortem, and add
        what should change.
      </Typography>
    );
  }
  return (
    <>
      <div className={classes.figures}>
        <Figure label="Open" value={String(summary.openCount)} />
        <Figure
          label="Overdue"
          value={String(summary.overdueCount)}
          alarm={summary.overdueCount > 0}
        />
        <Figure
          label="Completed"
          value={
            summary.completionRate === null
              ? '–'
              : `${Math.round(summary.completionRate * 100)} %`
          }
        />
      </div>
      {summary.items.length === 0 ? (
        <Typography className={classes.muted}>
          Nothing open: every action item is done or dropped.
        </Typography>
      ) : (
        summary.items.map(item => <ItemRow key={item.id} item={item} />)
      )}
    </>
  );
}

/**
 * The component's open action items from its postmortems, overdue first, with
 * the completion rate.
 *
 * @remarks
 * It reads the same entity summary as the incidents card: the two cards on a
 * page make one request.
 *
 * @public
 */
export function EntityActionItemsCard() {
  const { entity } = useEntity();
  const links = useReliabilityLinks();
  const { value, loading, error } = useEntityReliabilitySummary();

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <SummaryError error={error} title="Could not load action items" />;
  } else if (value && !value.actionItems) {
    body = (
      <Typography color="textSecondary">
        Action items are not available: the Reliability Hub backend is older
        than this plugin. Upgrade{' '}
        <code>@reliability-hub/plugin-reliability-backend</code>.
      </Typography>
    );
  } else if (value) {
    body = <Body summary={value.actionItems} />;
  }

  return (
    <InfoCard
      title="Action items"
      subheader="Open follow-ups from postmortems, overdue first"
      deepLink={{
        title: 'Incidents and postmortems',
        link: links.incidentsTab(stringifyEntityRef(entity)),
      }}
    >
      <Box>{body}</Box>
    </InfoCard>
  );
}
