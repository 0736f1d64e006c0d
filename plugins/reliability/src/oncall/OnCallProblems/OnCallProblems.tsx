import { WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import {
  ScheduleLimitError,
  ScheduleRecord,
  scheduleLimitProblems,
} from '@reliability-hub/plugin-reliability-common';

/**
 * Why who is on call for a stored schedule cannot be worked out here: the
 * backend's word for it, else the limits the record exceeds (a record the
 * rotation functions would refuse to compute); undefined when it can be.
 *
 * @internal
 */
export function scheduleProblem(
  problem: string | undefined,
  record: ScheduleRecord | undefined,
): string | undefined {
  if (problem) {
    return problem;
  }
  const overLimits = record ? scheduleLimitProblems(record.schedule) : [];
  return overLimits.length
    ? new ScheduleLimitError(overLimits).message
    : undefined;
}

/**
 * A schedule whose shifts cannot be computed (e.g. stored before the
 * schedule limits): says so and why, instead of claiming nobody is on call.
 *
 * @internal
 */
export function ScheduleProblem(props: { name?: string; problem: string }) {
  const { name, problem } = props;
  return (
    <WarningPanel
      severity="warning"
      title={`Cannot tell who is on call${name ? ` for ${name}` : ''}`}
      message={problem}
      defaultExpanded
    />
  );
}

/**
 * Schedule names in the entity's annotation that no schedule of its team
 * answers, each with why.
 *
 * @internal
 */
export function UnresolvedSchedules(props: { problems?: string[] }) {
  const { problems } = props;
  if (!problems?.length) {
    return null;
  }
  return (
    <Box mb={2}>
      <WarningPanel
        severity="warning"
        title="Some on-call schedules were not found"
        message={problems.map(problem => (
          <div key={problem}>{problem}</div>
        ))}
        defaultExpanded
      />
    </Box>
  );
}
