import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  finalSchedule,
  gaps,
  OnCallNow,
  ScheduleOnCall,
  ScheduleRecord,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../../api';
import { SummaryError } from '../../summary/SummaryError';
import { bothTimes, fromNow } from '../format';
import { MyFeedButton, MyShifts } from '../MyShifts';
import { OnCallHealth } from '../OnCallHealth';
import { OnCallPerson } from '../OnCallPerson';
import { OverrideList } from '../OverrideList';
import { ScheduleProblem, scheduleProblem } from '../OnCallProblems';
import { ScheduleActions } from '../ScheduleActions';
import { NewScheduleButtons } from '../ScheduleEditor';
import { ScheduleTimeline } from '../ScheduleTimeline';
import { Person, usePeople, useSignedInUser } from '../../shared/people';
import { SwapRequests, useShiftActions } from '../swaps';
import { Handoffs } from '../handoff';

/** How far ahead the timeline and "My shifts" look. */
const DAYS_AHEAD = 14;

interface Row {
  oncall: ScheduleOnCall;
  record?: ScheduleRecord;
  /** Why its shifts cannot be computed, if they cannot. */
  problem?: string;
}

function columns(
  profiles: Map<string, Person>,
  onChanged: (record: ScheduleRecord) => void,
  onDeleted: () => void,
): TableColumn<Row>[] {
  return [
    {
      title: 'Schedule',
      field: 'oncall.name',
      render: ({ oncall }) => (
        <>
          <Typography variant="body2">
            <strong>{oncall.name}</strong>
          </Typography>
          <Typography variant="caption" color="textSecondary">
            <EntityRefLink entityRef={oncall.ownerRef} hideIcon /> ·{' '}
            {oncall.timeZone}
          </Typography>
        </>
      ),
    },
    {
      title: 'On call now',
      render: ({ oncall, problem }) => {
        if (problem) {
          return (
            <Typography variant="body2" color="error">
              <strong>Cannot tell who is on call</strong>
            </Typography>
          );
        }
        return oncall.current ? (
          <>
            <OnCallPerson
              userRef={oncall.current.user}
              profile={profiles.get(oncall.current.user)}
              compact
            />
            <Typography variant="caption" color="textSecondary">
              {oncall.current.override ? 'override · ' : ''}until{' '}
              {bothTimes(oncall.current.end, oncall.timeZone)}
            </Typography>
          </>
        ) : (
          <Typography variant="body2" color="error">
            <strong>Nobody is on call</strong>
          </Typography>
        );
      },
    },
    {
      title: 'Next',
      render: ({ oncall, problem }) => {
        if (problem) {
          return null;
        }
        return oncall.next ? (
          <>
            <OnCallPerson
              userRef={oncall.next.user}
              profile={profiles.get(oncall.next.user)}
              compact
            />
            <Typography variant="caption" color="textSecondary">
              from {bothTimes(oncall.next.start, oncall.timeZone)} (
              {fromNow(oncall.next.start)})
            </Typography>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            Nobody scheduled
          </Typography>
        );
      },
    },
    {
      title: '',
      render: ({ record }) =>
        record ? (
          <ScheduleActions
            schedule={record}
            onChanged={onChanged}
            onDeleted={onDeleted}
          />
        ) : null,
    },
  ];
}

/**
 * The On-call tab of the reliability page: every schedule with who is on
 * call now and next, gap warnings, a timeline of the next two weeks with
 * layers and overrides, the signed-in user's shifts, and, for members of a
 * schedule's owner group, "Add override" and the calendar feed.
 *
 * @internal
 */
export function OnCallOverview() {
  const api = useApi(reliabilityApiRef);
  const me = useSignedInUser();
  // Stored records replaced after a write, so the timeline shows it at once.
  const [changed, setChanged] = useState<Record<string, ScheduleRecord>>({});
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [oncall, schedules] = await Promise.all([
      api.getOnCall(),
      api.listSchedules(),
    ]);
    return { oncall, schedules };
  }, [api]);

  const range: TimeRange = useMemo(() => {
    const start = DateTime.now().startOf('day');
    return {
      start: start.toUTC().toISO()!,
      end: start.plus({ days: DAYS_AHEAD }).toUTC().toISO()!,
    };
  }, []);

  // Only schedules within the limits: the rotation functions refuse others.
  const schedules = useMemo(
    () =>
      (value?.schedules ?? [])
        .map(s => changed[s.id] ?? s)
        .filter(s => !scheduleProblem(undefined, s)),
    [value, changed],
  );
  const people = useMemo(
    () => peopleOf(value?.oncall, schedules, range),
    [value, schedules, range],
  );
  const { people: profiles } = usePeople(people);
  const [asked, setAsked] = useState(0);
  const shiftActions = useShiftActions({
    me: me.userRef,
    profiles,
    onChanged: record => setChanged(c => ({ ...c, [record.id]: record })),
    onAsked: () => setAsked(n => n + 1),
  });

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return (
      <SummaryError error={error} title="Could not load on-call schedules" />
    );
  }
  if (!value) {
    return null;
  }
  if (value.oncall.schedules.length === 0) {
    return (
      <InfoCard title="On call">
        <Typography paragraph>
          No on-call schedules yet. Create one for your team, or import a
          schedule's YAML; components then find it through their owner group or
          the <code>reliability-hub.io/oncall-schedule</code> annotation.
        </Typography>
        <NewScheduleButtons onSaved={retry} />
      </InfoCard>
    );
  }

  const byId = new Map(
    value.schedules.map(s => [s.id, changed[s.id] ?? s] as const),
  );
  const rows: Row[] = value.oncall.schedules.map(oncall => {
    const record = byId.get(oncall.scheduleId);
    return { oncall, record, problem: scheduleProblem(oncall.problem, record) };
  });
  const withGaps = schedules.filter(s => gaps(s.schedule, range).length > 0);
  const onChanged = (record: ScheduleRecord) => {
    setChanged(current => ({ ...current, [record.id]: record }));
    retry();
  };

  return (
    <Grid container spacing={3}>
      {rows.map(({ oncall, problem }) =>
        problem ? (
          <Grid item xs={12} key={oncall.scheduleId}>
            <ScheduleProblem name={oncall.name} problem={problem} />
          </Grid>
        ) : null,
      )}
      {withGaps.length > 0 && (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            title={`Nobody on call at times in the next ${DAYS_AHEAD} days: ${withGaps
              .map(s => s.name)
              .join(', ')}`}
            message={`${withGaps.map(s => s.name).join(', ')} ${
              withGaps.length === 1 ? 'has' : 'have'
            } time with nobody on call; see the hatched red parts of the timeline. Add an override or a layer to cover them.`}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <NewScheduleButtons onSaved={onChanged} />
      </Grid>
      <Grid item xs={12}>
        <Table<Row>
          title="Who is on call"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns(profiles, onChanged, retry)}
          data={rows}
        />
      </Grid>
      <Grid item xs={12}>
        <SwapRequests
          profiles={profiles}
          reloadKey={asked}
          onAccepted={retry}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={`Next ${DAYS_AHEAD} days`}>
          <ScheduleTimeline
            schedules={schedules}
            range={range}
            profiles={profiles}
            onShiftClick={shiftActions.open}
          />
          {shiftActions.element}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Handoffs schedules={schedules} range={range} profiles={profiles} />
      </Grid>
      <Grid item xs={12}>
        <OverrideList
          schedules={schedules}
          profiles={profiles}
          me={me.userRef}
          onChanged={onChanged}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="My shifts">
          {me.userRef ? (
            <>
              <MyShifts
                userRef={me.userRef}
                schedules={schedules}
                range={range}
                rangeText={`in the next ${DAYS_AHEAD} days`}
              />
              <Box mt={2}>
                <MyFeedButton />
              </Box>
            </>
          ) : (
            <Typography variant="body2" color="textSecondary">
              {me.loading
                ? 'Reading who you are…'
                : 'Sign in to see your shifts.'}
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <OnCallHealth schedules={schedules} />
      </Grid>
    </Grid>
  );
}

/** Everyone the page shows, so their profiles come in one catalog call. */
function peopleOf(
  oncall: OnCallNow | undefined,
  schedules: ScheduleRecord[],
  range: TimeRange,
): string[] {
  const refs = new Set<string>();
  for (const s of oncall?.schedules ?? []) {
    if (s.current) refs.add(s.current.user);
    if (s.next) refs.add(s.next.user);
  }
  for (const record of schedules) {
    for (const shift of finalSchedule(record.schedule, range)) {
      refs.add(shift.user);
    }
    for (const override of record.schedule.overrides) {
      if (Date.parse(override.end) > Date.now()) refs.add(override.user);
    }
  }
  return Array.from(refs);
}
