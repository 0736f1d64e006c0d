import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ONCALL_WORKING_HOURS,
  onCallHealthToCsv,
  OnCallHealthPerson,
  ScheduleHealth,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { ReactNode, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { downloadText } from '../../review/download';
import {
  ReviewAction,
  ReviewControls,
  ReviewSelection,
} from '../../review/ReviewControls';
import { Person, personFromRef, usePeople } from '../../shared/people';
import { statusOf, writeErrorMessage } from '../../shared/writeErrors';
import { OnCallPerson } from '../OnCallPerson';
import { HealthChart } from './HealthChart';
import { hoursText, shareText } from './hours';

const useStyles = makeStyles(theme => ({
  tile: { padding: theme.spacing(1.5, 2), height: '100%' },
  value: { fontSize: '1.6rem', fontWeight: 600, lineHeight: 1.2 },
  schedule: { minWidth: 220 },
}));

function Tile(props: { label: string; value: string; detail?: ReactNode }) {
  const classes = useStyles();
  return (
    <Paper variant="outlined" className={classes.tile}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography className={classes.value}>{props.value}</Typography>
      {props.detail && (
        <Typography variant="body2" color="textSecondary">
          {props.detail}
        </Typography>
      )}
    </Paper>
  );
}

const WORKING_HOURS_TEXT = `Monday to Friday ${ONCALL_WORKING_HOURS.from}–${ONCALL_WORKING_HOURS.to}`;

function columns(
  profiles: Map<string, Person>,
): TableColumn<OnCallHealthPerson>[] {
  const hours = (field: keyof OnCallHealthPerson) => ({
    field,
    type: 'numeric' as const,
    render: (p: OnCallHealthPerson) => hoursText(p[field] as number),
  });
  return [
    {
      title: 'Person',
      field: 'user',
      cellStyle: { whiteSpace: 'nowrap' },
      render: p => (
        <>
          <OnCallPerson
            userRef={p.user}
            profile={profiles.get(p.user)}
            compact
          />
          {!p.inRotation && (
            <Typography variant="caption" color="textSecondary">
              covered through overrides only
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Their time zone',
      field: 'timeZone',
      cellStyle: { whiteSpace: 'nowrap' },
      render: p => (
        <>
          <Typography variant="body2">{p.timeZone}</Typography>
          {p.timeZoneSource === 'schedule' && (
            <Typography variant="caption" color="textSecondary">
              the schedule's zone: no zone in the catalog
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Shifts', field: 'shifts', type: 'numeric' },
    { title: 'On call', ...hours('onCallHours') },
    {
      title: 'Out of hours',
      field: 'outOfHoursHours',
      type: 'numeric',
      render: p => (
        <>
          {hoursText(p.outOfHoursHours)}
          <Typography variant="caption" color="textSecondary" component="div">
            {shareText(p.outOfHoursHours, p.onCallHours)}
          </Typography>
        </>
      ),
    },
    { title: 'Weekend', ...hours('weekendHours') },
    { title: 'Incidents', field: 'incidents', type: 'numeric' },
    { title: 'Longest stretch', ...hours('longestStretchHours') },
  ];
}

function HealthFigures(props: {
  health: ScheduleHealth;
  profiles: Map<string, Person>;
}) {
  const { health, profiles } = props;
  const { totals, fairness } = health;
  const nameOf = (ref: string) =>
    (profiles.get(ref) ?? personFromRef(ref)).displayName;
  const fallback = health.people.filter(p => p.timeZoneSource === 'schedule');
  return (
    <>
      <Box mb={2}>
        <Typography variant="subtitle1">
          <strong>
            {health.period.start} – {health.period.end}
          </strong>{' '}
          ({hoursText(health.hours)}, days in {health.timeZone}, the schedule's
          zone) · incidents of the {health.componentCount} component
          {health.componentCount === 1 ? '' : 's'} of{' '}
          <EntityRefLink entityRef={health.ownerRef} hideIcon /> you can see
        </Typography>
      </Box>
      {health.incidentsLimited && (
        <Box mb={2}>
          <WarningPanel
            severity="info"
            title="Not every incident is counted"
            message="The period has more incidents than are counted at once: the incident figures are lower bounds. Choose a shorter period."
          />
        </Box>
      )}
      <Grid container spacing={2}>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="On call"
            value={hoursText(totals.onCallHours)}
            detail={`${shareText(
              totals.onCallHours,
              health.hours,
            )} of the period`}
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Out of hours"
            value={hoursText(totals.outOfHoursHours)}
            detail={`${shareText(
              totals.outOfHoursHours,
              totals.onCallHours,
            )} of the time on call`}
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Weekends"
            value={hoursText(totals.weekendHours)}
            detail={`${shareText(
              totals.weekendHours,
              totals.onCallHours,
            )} of the time on call`}
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Incidents during shifts"
            value={String(totals.incidents)}
            detail={
              totals.incidentsInGaps
                ? `${totals.incidentsInGaps} while nobody was on call`
                : 'none while nobody was on call'
            }
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Nobody on call"
            value={hoursText(health.gapHours)}
            detail={
              health.gaps.length
                ? `in ${health.gaps.length} gap${
                    health.gaps.length === 1 ? '' : 's'
                  }`
                : 'no gaps'
            }
          />
        </Grid>
        <Grid item xs={6} sm={4} md={2}>
          <Tile
            label="Fairness: spread of hours on call"
            value={fairness ? hoursText(fairness.onCallHoursSpread) : '–'}
            detail={
              fairness
                ? `${nameOf(fairness.mostLoaded)} most, ${nameOf(
                    fairness.leastLoaded,
                  )} least; out of hours ${hoursText(
                    fairness.outOfHoursSpread,
                  )} apart`
                : 'fewer than two people in the rotation'
            }
          />
        </Grid>
      </Grid>
      <Box mt={3}>
        <HealthChart people={health.people} nameOf={nameOf} />
      </Box>
      <Box mt={2}>
        <Table<OnCallHealthPerson>
          title="Load per person"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns(profiles)}
          data={health.people}
        />
      </Box>
      <Box mt={1}>
        <Typography variant="caption" color="textSecondary" component="p">
          Out of hours is outside {WORKING_HOURS_TEXT}, weekends included, in
          each person's own time zone (<code>reliability-hub.io/timezone</code>{' '}
          on their catalog entry)
          {fallback.length
            ? `; ${fallback.map(p => nameOf(p.user)).join(', ')} ha${
                fallback.length === 1 ? 's' : 've'
              } none, so their hours are read in ${health.timeZone}`
            : ''}
          . Fairness compares the people of the rotation's layers; shifts are
          cut at the period's ends.
        </Typography>
      </Box>
    </>
  );
}

/**
 * How sustainable each rotation is: for a schedule and a period, each
 * person's hours on call, out of hours and on weekends in their own time
 * zone, the incidents during their shifts, their longest stretch, the
 * spread between the most and least loaded, and the gaps; as tiles, a chart
 * and a table, with a CSV export.
 *
 * @internal
 */
export function OnCallHealth(props: { schedules: ScheduleRecord[] }) {
  const api = useApi(reliabilityApiRef);
  const classes = useStyles();
  const [chosenId, setChosenId] = useState<string>();
  const [selection, setSelection] = useState<ReviewSelection>({
    period: 'month',
  });
  const schedule =
    props.schedules.find(s => s.id === chosenId) ?? props.schedules[0];
  const incomplete =
    selection.period === 'custom' && (!selection.start || !selection.end);
  const state = useAsync(
    async () =>
      !schedule || incomplete
        ? undefined
        : api.getScheduleHealth(schedule.id, {
            period: selection.period,
            start: selection.start,
            end: selection.period === 'custom' ? selection.end : undefined,
          }),
    [api, schedule?.id, selection.period, selection.start, selection.end],
  );
  const health = state.value;
  const refs = useMemo(() => health?.people.map(p => p.user) ?? [], [health]);
  const { people: profiles } = usePeople(refs);
  if (!schedule) {
    return null;
  }
  const exportCsv = () =>
    health &&
    downloadText(
      `oncall-health-${health.name}-${health.period.start}.csv`,
      'text/csv',
      onCallHealthToCsv(health, ref => profiles.get(ref)?.displayName),
    );

  return (
    <InfoCard
      title="On-call health"
      subheader="Is each rotation sustainable? Hours on call, out of hours and on weekends per person, incidents during their shifts, fairness and gaps."
    >
      <ReviewControls
        selection={selection}
        onChange={setSelection}
        pickGroup={false}
        before={
          <TextField
            select
            variant="outlined"
            size="small"
            label="Schedule"
            className={classes.schedule}
            value={schedule.id}
            onChange={event => setChosenId(event.target.value)}
            inputProps={{ 'aria-label': 'Schedule' }}
          >
            {props.schedules.map(s => (
              <MenuItem key={s.id} value={s.id}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
        }
        actions={
          <ReviewAction disabled={!health} onClick={exportCsv}>
            Export CSV
          </ReviewAction>
        }
      />
      {incomplete && (
        <Typography color="textSecondary">
          Choose the first and the last day of the range.
        </Typography>
      )}
      {state.loading && <Progress />}
      {state.error &&
        (statusOf(state.error) === 400 ? (
          <WarningPanel
            severity="warning"
            title="Cannot show this period"
            message={writeErrorMessage(state.error)}
          />
        ) : (
          <ResponseErrorPanel
            error={state.error}
            title="Could not load the on-call health"
          />
        ))}
      {health && !state.loading && health.totals.shifts === 0 && (
        <Typography color="textSecondary">
          Nobody was on call on {health.name} from {health.period.start} to{' '}
          {health.period.end}: the rotation had not started, or every layer was
          restricted away. Choose another period.
        </Typography>
      )}
      {health && !state.loading && health.totals.shifts > 0 && (
        <HealthFigures health={health} profiles={profiles} />
      )}
    </InfoCard>
  );
}
