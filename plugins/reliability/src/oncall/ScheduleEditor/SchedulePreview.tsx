import Typography from '@material-ui/core/Typography';
import {
  finalSchedule,
  gaps,
  ScheduleRecord,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { usePeople } from '../../shared/people';
import { ScheduleTimeline } from '../ScheduleTimeline';
import { ScheduleDraft } from './draft';

/** How far ahead the preview looks. */
export const PREVIEW_DAYS = 28;

/**
 * The next four weeks of the schedule being edited, drawn by the same
 * timeline as the On-call page from the same rotation functions, with the
 * stored overrides; shown once the layers are valid.
 *
 * @internal
 */
export function SchedulePreview(props: {
  draft: ScheduleDraft;
  /** The stored schedule being edited, for its id and overrides. */
  record?: ScheduleRecord;
  /** Why the draft cannot be drawn yet, if it cannot. */
  problem?: string;
}) {
  const { draft, record, problem } = props;
  const range: TimeRange = useMemo(() => {
    const start = DateTime.now().startOf('day');
    return {
      start: start.toUTC().toISO()!,
      end: start.plus({ days: PREVIEW_DAYS }).toUTC().toISO()!,
    };
  }, []);
  const preview: ScheduleRecord | undefined = useMemo(() => {
    if (problem) {
      return undefined;
    }
    const name = draft.name.trim() || 'New schedule';
    return {
      id: record?.id ?? 'preview',
      name,
      ownerRef: draft.ownerRef ?? '',
      schedule: {
        name,
        timeZone: draft.timeZone,
        layers: draft.layers,
        overrides: record?.schedule.overrides ?? [],
      },
      escalationPolicy: null,
      createdAt: '',
      updatedAt: '',
      version: record?.version ?? 0,
    };
  }, [draft, record, problem]);
  const { shifts, holes, failure } = useMemo(() => {
    if (!preview) {
      return { shifts: [], holes: [] };
    }
    try {
      return {
        shifts: finalSchedule(preview.schedule, range),
        holes: gaps(preview.schedule, range),
      };
    } catch (error) {
      // Beyond the limits the rotation functions refuse to compute.
      return { shifts: [], holes: [], failure: (error as Error).message };
    }
  }, [preview, range]);
  const { people } = usePeople(
    useMemo(() => Array.from(new Set(shifts.map(s => s.user))), [shifts]),
  );

  if (!preview || failure) {
    return (
      <Typography variant="body2" color="textSecondary" role="status">
        The preview appears once the layers are complete: {problem ?? failure}
      </Typography>
    );
  }
  const turns = new Set(shifts.map(s => s.user)).size;
  return (
    <>
      <Typography variant="body2" role="status" gutterBottom>
        {shifts.length} shift{shifts.length === 1 ? '' : 's'} for {turns}{' '}
        {turns === 1 ? 'person' : 'people'} in the next {PREVIEW_DAYS} days
        {holes.length
          ? `; ${holes.length} gap${
              holes.length === 1 ? '' : 's'
            } with nobody on call (hatched red)`
          : '; nobody-on-call gaps: none'}
        .
      </Typography>
      <ScheduleTimeline schedules={[preview]} range={range} profiles={people} />
    </>
  );
}
