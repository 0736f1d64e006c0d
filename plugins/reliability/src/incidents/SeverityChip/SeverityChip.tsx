import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { Theme, useTheme } from '@material-ui/core/styles';
import { DEFAULT_SEVERITY_LEVELS } from '@reliability-hub/plugin-reliability-common';

/** The colour of a severity, as its chip shows it. @internal */
export function severityColor(theme: Theme, severity: string): string {
  switch (severity) {
    case 'SEV1':
      return theme.palette.error.dark;
    case 'SEV2':
      return theme.palette.error.main;
    case 'SEV3':
      return theme.palette.warning.main;
    default:
      return theme.palette.grey[600];
  }
}

/**
 * A severity as a coloured chip, with the level's meaning on hover.
 *
 * @public
 */
export function SeverityChip(props: { severity: string; count?: number }) {
  const { severity, count } = props;
  const theme = useTheme<Theme>();
  const color = severityColor(theme, severity);
  const level = DEFAULT_SEVERITY_LEVELS.find(l => l.id === severity);
  const chip = (
    <Chip
      size="small"
      label={count === undefined ? severity : `${severity} × ${count}`}
      style={{
        backgroundColor: color,
        color: theme.palette.getContrastText(color),
        fontWeight: 700,
        margin: 0,
      }}
    />
  );
  return level ? (
    <Tooltip title={`${level.name}: ${level.description}`}>{chip}</Tooltip>
  ) : (
    chip
  );
}
