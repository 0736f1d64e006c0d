import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { Theme, useTheme } from '@material-ui/core/styles';
import AlarmIcon from '@material-ui/icons/Alarm';
import {
  Incident,
  IncidentClock,
  mostUrgentClock,
} from '@reliability-hub/plugin-reliability-common';
import { exactTime } from '../../shared/time';
import { clockText } from '../clockText';
import { useIncidentClocks } from '../useIncidentClocks';

function chipColors(theme: Theme, clock: IncidentClock) {
  switch (clock.state) {
    case 'overdue':
      return {
        backgroundColor: theme.palette.error.main,
        color: theme.palette.error.contrastText,
      };
    case 'due-soon':
      return {
        backgroundColor: theme.palette.warning.main,
        color: theme.palette.getContrastText(theme.palette.warning.main),
      };
    default:
      return {};
  }
}

/**
 * The incident's most urgent running clock as a chip ("Acknowledge overdue
 * by 2 min", "Postmortem due in 1 d 4 h"), red when overdue and amber when
 * due soon; nothing when no clock runs.
 *
 * @internal
 */
export function IncidentClockChip(props: { incident: Incident }) {
  const theme = useTheme<Theme>();
  // A list shows many chips: a minute is fine enough for them.
  const clock = mostUrgentClock(useIncidentClocks(props.incident, 30_000));
  if (!clock) {
    return null;
  }
  const colors = chipColors(theme, clock);
  return (
    <Tooltip title={`Due ${exactTime(clock.dueAt)}`}>
      <Chip
        size="small"
        variant={clock.state === 'running' ? 'outlined' : 'default'}
        icon={<AlarmIcon style={{ color: 'inherit' }} />}
        label={clockText(clock)}
        style={{ ...colors, margin: 0, maxWidth: '100%' }}
      />
    </Tooltip>
  );
}
