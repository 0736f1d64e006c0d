import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import { Restriction } from '@reliability-hub/plugin-reliability-common';
import { FormTextField } from '../../shared/FormTextField';
import { FieldErrors, WEEKDAYS } from './draft';
import { TimeZoneField } from './TimeZoneField';

/**
 * One window a layer covers: on which weekdays it starts, from and to what
 * local time, and in which zone (each region's own, for follow-the-sun).
 *
 * @internal
 */
export function RestrictionFields(props: {
  /** Field prefix of the rules, e.g. `layers[1].restrictions[0]`. */
  field: string;
  /** The element id prefix, e.g. `schedule-editor-layer-1-window-0`. */
  id: string;
  /** How the window is named to screen readers, e.g. "window 1 of secondary". */
  label: string;
  restriction: Restriction;
  /** The schedule's zone, which a window without its own is read in. */
  zone: string;
  errors: FieldErrors;
  onChange: (restriction: Restriction) => void;
  onRemove: () => void;
}) {
  const { field, id, label, restriction, zone, errors, onChange, onRemove } =
    props;
  const days = restriction.weekdays ?? WEEKDAYS.map(d => d.value);
  const toggle = (day: number) => {
    const next = days.includes(day)
      ? days.filter(d => d !== day)
      : [...days, day].sort();
    onChange({ ...restriction, weekdays: next });
  };
  return (
    <Box
      role="group"
      aria-label={label}
      border={1}
      borderColor="divider"
      borderRadius={4}
      px={1.5}
      py={1}
      mb={1}
    >
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={4}>
        <Typography variant="caption" color="textSecondary">
          Starts on
        </Typography>
        {WEEKDAYS.map(day => (
          <Chip
            key={day.value}
            size="small"
            label={day.short}
            aria-label={day.long}
            aria-pressed={days.includes(day.value)}
            color={days.includes(day.value) ? 'primary' : 'default'}
            variant={days.includes(day.value) ? 'default' : 'outlined'}
            onClick={() => toggle(day.value)}
          />
        ))}
        <Box flexGrow={1} />
        <IconButton
          size="small"
          aria-label={`Remove ${label}`}
          onClick={onRemove}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Box>
      {errors[`${field}.weekdays`] && (
        <Typography variant="caption" color="error">
          {errors[`${field}.weekdays`]}
        </Typography>
      )}
      <Box display="flex" gridGap={12}>
        <Box flex="0 0 140px">
          <FormTextField
            id={`${id}-from`}
            label="From"
            type="time"
            value={restriction.from}
            onChange={e => onChange({ ...restriction, from: e.target.value })}
            error={Boolean(errors[`${field}.from`])}
            helperText={errors[`${field}.from`]}
          />
        </Box>
        <Box flex="0 0 140px">
          <FormTextField
            id={`${id}-to`}
            label="To"
            type="time"
            value={restriction.to === '24:00' ? '23:59' : restriction.to}
            onChange={e => onChange({ ...restriction, to: e.target.value })}
            error={Boolean(errors[`${field}.to`])}
            helperText={errors[`${field}.to`] ?? 'Before From: next day'}
          />
        </Box>
        <Box flex={1}>
          <TimeZoneField
            id={`${id}-zone`}
            label="In time zone"
            value={restriction.timeZone ?? zone}
            onChange={timeZone => onChange({ ...restriction, timeZone })}
            error={errors[`${field}.timeZone`]}
          />
        </Box>
      </Box>
    </Box>
  );
}
