import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_ONCALL_SCHEDULE,
  OnCallNow,
  ScheduleOnCall,
} from '@reliability-hub/plugin-reliability-common';
import { Fragment } from 'react';
import { SummaryError } from '../../summary/SummaryError';
import { useEntityReliabilitySummary } from '../../summary/useEntityReliabilitySummary';
import { EscalationChain } from '../EscalationChain';
import { Person, refName, usePeople } from '../../shared/people';
import { bothTimes, fromNow } from '../format';
import { useOnCallPageLink } from '../links';
import { OnCallPerson } from '../OnCallPerson';
import { ScheduleProblem, UnresolvedSchedules } from '../OnCallProblems';
import { HandoffNoteText, noteKey, useHandoffNotes } from '../handoff';
import { HandoffNote } from '@reliability-hub/plugin-reliability-common';

const useStyles = makeStyles(theme => ({
  muted: { color: theme.palette.text.secondary },
  heading: { fontWeight: 600 },
}));

/** Everyone the card shows, so their profiles come in one catalog call. */
function peopleOf(oncall: OnCallNow | undefined): string[] {
  const refs: string[] = [];
  for (const schedule of oncall?.schedules ?? []) {
    if (schedule.current) refs.push(schedule.current.user);
    if (schedule.next) refs.push(schedule.next.user);
    for (const level of schedule.escalation) {
      if (level.user) refs.push(level.user);
    }
  }
  return refs;
}

function ScheduleSection(props: {
  schedule: ScheduleOnCall;
  profiles: Map<string, Person>;
  notes: Map<string, HandoffNote>;
}) {
  const { schedule, profiles, notes } = props;
  const noteAt = (at?: string) =>
    at ? notes.get(noteKey(schedule.scheduleId, at)) : undefined;
  const received = noteAt(schedule.current?.start);
  const leaving = noteAt(schedule.next?.start);
  const classes = useStyles();
  const { current, next, timeZone } = schedule;
  return (
    <section aria-label={`On call for ${schedule.name}`}>
      <Typography variant="h6" component="h3">
        {schedule.name}
      </Typography>
      <Typography variant="caption" className={classes.muted}>
        Owned by <EntityRefLink entityRef={schedule.ownerRef} hideIcon /> ·
        hand-offs in {timeZone}
      </Typography>
      <Box mt={1.5}>
        {schedule.problem && <ScheduleProblem problem={schedule.problem} />}
        {!schedule.problem && current && (
          <>
            <OnCallPerson
              userRef={current.user}
              profile={profiles.get(current.user)}
            />
            <Typography variant="body2" className={classes.muted}>
              {current.override ? 'Covering (override) ' : 'On call '}
              until {bothTimes(current.end, timeZone)} ({fromNow(current.end)})
            </Typography>
            {received && (
              <HandoffNoteText note={received} profiles={profiles} />
            )}
          </>
        )}
        {!schedule.problem && !current && (
          <WarningPanel
            severity="warning"
            title="Nobody is on call"
            message={
              next
                ? `${schedule.name} has a gap until ${bothTimes(
                    next.start,
                    timeZone,
                  )}. Pages go to the next escalation level.`
                : `${schedule.name} has nobody on call and no upcoming shift.`
            }
          />
        )}
      </Box>
      <Box mt={1.5} hidden={Boolean(schedule.problem)}>
        <Typography variant="body2" className={classes.heading}>
          Next hand-off
        </Typography>
        {next ? (
          <Typography variant="body2">
            to{' '}
            <EntityRefLink
              entityRef={next.user}
              title={profiles.get(next.user)?.displayName ?? refName(next.user)}
            />{' '}
            at {bothTimes(next.start, timeZone)} ({fromNow(next.start)})
          </Typography>
        ) : (
          <Typography variant="body2" className={classes.muted}>
            None scheduled.
          </Typography>
        )}
        {leaving && (
          <HandoffNoteText
            note={leaving}
            profiles={profiles}
            label="Note for the next person"
          />
        )}
      </Box>
      <Box mt={1.5}>
        <Typography variant="body2" className={classes.heading} gutterBottom>
          Escalation
        </Typography>
        <EscalationChain escalation={schedule.escalation} profiles={profiles} />
      </Box>
    </section>
  );
}

function NoSchedule(props: { owner?: string }) {
  return (
    <EmptyState
      missing="field"
      title="No on-call schedule"
      description={
        <>
          Add the <code>{ANNOTATION_ONCALL_SCHEDULE}</code> annotation with the
          schedule's name to this entity, or create a schedule owned by{' '}
          {props.owner ? <code>{props.owner}</code> : 'its owner group'} on the
          Reliability page's On-call tab.
        </>
      }
    />
  );
}

/**
 * Who is on call for the entity now, per schedule: the person with their
 * email and chat links, until when (in the viewer's and the schedule's time),
 * the next hand-off, and every level of the escalation chain with its delay.
 *
 * @remarks
 * The on-call answer comes with the entity summary, the one call the entity
 * page makes for all Reliability Hub cards; the people's profiles come from
 * the catalog in one batched call.
 *
 * @public
 */
export function EntityOnCallCard() {
  const { entity } = useEntity();
  const oncallPage = useOnCallPageLink();
  const { value, loading, error } = useEntityReliabilitySummary();
  const oncall = value?.oncall;
  const { people: profiles } = usePeople(peopleOf(oncall));
  const starts = (oncall?.schedules ?? [])
    .flatMap(s => [s.current?.start, s.next?.start])
    .filter((at): at is string => Boolean(at))
    .sort();
  const { notes } = useHandoffNotes(
    (oncall?.schedules ?? []).map(s => s.scheduleId),
    starts[0],
    starts[starts.length - 1],
  );
  const owner = entity.spec?.owner;
  const ownerRef =
    typeof owner === 'string'
      ? parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace,
        })
      : undefined;

  let body;
  if (loading && !value) {
    body = <Progress />;
  } else if (error) {
    body = <SummaryError error={error} title="Could not load on-call" />;
  } else if (value && !oncall) {
    body = (
      <EmptyState
        missing="info"
        title="On-call not available"
        description="The Reliability Hub backend of this portal does not answer who is on call yet. Update @reliability-hub/plugin-reliability-backend to show schedules here."
      />
    );
  } else if (oncall) {
    body = (
      <>
        <UnresolvedSchedules problems={oncall.problems} />
        {oncall.schedules.length === 0 && !oncall.problems?.length && (
          <NoSchedule owner={ownerRef && stringifyEntityRef(ownerRef)} />
        )}
        {oncall.schedules.map((schedule, index) => (
          <Fragment key={schedule.scheduleId}>
            {index > 0 && (
              <Box my={2}>
                <Divider />
              </Box>
            )}
            <ScheduleSection
              schedule={schedule}
              profiles={profiles}
              notes={notes}
            />
          </Fragment>
        ))}
      </>
    );
  }

  return (
    <InfoCard
      title="On call"
      subheader="Who is paged now, and who next"
      deepLink={{ title: 'All schedules', link: oncallPage }}
    >
      {body}
    </InfoCard>
  );
}
