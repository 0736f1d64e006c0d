import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import DownIcon from '@material-ui/icons/ArrowDownward';
import UpIcon from '@material-ui/icons/ArrowUpward';
import {
  Layer,
  RotationUnit,
} from '@reliability-hub/plugin-reliability-common';
import { FormTextField, selectOptions } from '../../shared/FormTextField';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { FieldErrors, newRestriction, ROTATION_UNITS, WEEKDAYS } from './draft';
import { RestrictionFields } from './RestrictionFields';

const ANY_DAY = 'any';

const WEEKDAY_OPTIONS = [
  { value: ANY_DAY, label: 'Any day (by rotation length)' },
  ...WEEKDAYS.map(d => ({ value: String(d.value), label: d.long })),
];

/**
 * One layer of a schedule: its name, who takes turns (picked from the
 * catalog, in order), how long each turn lasts, when hand-offs happen, from
 * when, and the windows it is restricted to. Moving it up or down changes
 * which layer wins: a later layer overrides earlier ones.
 *
 * @internal
 */
export function LayerFields(props: {
  index: number;
  count: number;
  layer: Layer;
  zone: string;
  errors: FieldErrors;
  onChange: (layer: Layer) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { index, count, layer, zone, errors, onChange, onMove, onRemove } =
    props;
  const field = `layers[${index}]`;
  const id = `schedule-editor-layer-${index}`;
  const title = `Layer ${index + 1}${layer.name ? ` (${layer.name})` : ''}`;
  const error = (name: string) => errors[`${field}.${name}`];
  const set = (change: Partial<Layer>) => onChange({ ...layer, ...change });
  const restrictions = layer.restrictions ?? [];
  const setRestrictions = (next: Layer['restrictions']) =>
    set({ restrictions: next?.length ? next : undefined });

  return (
    <Paper variant="outlined" role="group" aria-label={title}>
      <Box p={2}>
        <Box display="flex" alignItems="center" mb={1}>
          <Typography variant="subtitle2">{title}</Typography>
          <Typography
            variant="caption"
            color="textSecondary"
            style={{ marginLeft: 8 }}
          >
            {index > 0 ? 'overrides the layers above where it has someone' : ''}
          </Typography>
          <Box flexGrow={1} />
          <IconButton
            size="small"
            aria-label={`Move ${title} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            <UpIcon fontSize="small" />
          </IconButton>
          <IconButton
            size="small"
            aria-label={`Move ${title} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            <DownIcon fontSize="small" />
          </IconButton>
          <IconButton
            size="small"
            aria-label={`Remove ${title}`}
            disabled={count === 1}
            onClick={onRemove}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Box>
        <Grid container spacing={2}>
          <Grid item xs={12} sm={4}>
            <FormTextField
              id={`${id}-name`}
              label="Layer name"
              value={layer.name}
              onChange={e => set({ name: e.target.value })}
              error={Boolean(error('name'))}
              helperText={error('name')}
              required
            />
          </Grid>
          <Grid item xs={12} sm={8}>
            <PeoplePicker
              id={`${id}-participants`}
              label="Who takes turns, in order"
              multiple
              value={layer.participants}
              onChange={participants => set({ participants })}
              required
              helperText={
                error('participants') ??
                Object.entries(errors).find(([key]) =>
                  key.startsWith(`${field}.participants[`),
                )?.[1]
              }
            />
          </Grid>
          <Grid item xs={6} sm={2}>
            <FormTextField
              id={`${id}-length`}
              label="Turn length"
              type="number"
              inputProps={{ min: 1, step: 1 }}
              value={
                Number.isNaN(layer.rotation.length)
                  ? ''
                  : String(layer.rotation.length)
              }
              onChange={e =>
                set({
                  rotation: {
                    ...layer.rotation,
                    length:
                      e.target.value === '' ? NaN : Number(e.target.value),
                  },
                })
              }
              error={Boolean(error('rotation.length'))}
              helperText={error('rotation.length')}
            />
          </Grid>
          <Grid item xs={6} sm={2}>
            <FormTextField
              id={`${id}-unit`}
              label="Unit"
              value={layer.rotation.unit}
              options={selectOptions(ROTATION_UNITS)}
              onChange={e =>
                set({
                  rotation: {
                    ...layer.rotation,
                    unit: e.target.value as RotationUnit,
                  },
                })
              }
              error={Boolean(error('rotation.unit'))}
              helperText={error('rotation.unit')}
            />
          </Grid>
          <Grid item xs={6} sm={2}>
            <FormTextField
              id={`${id}-handoff-time`}
              label="Hand-off at"
              type="time"
              value={layer.handoff.time}
              onChange={e =>
                set({ handoff: { ...layer.handoff, time: e.target.value } })
              }
              error={Boolean(error('handoff.time'))}
              helperText={error('handoff.time') ?? zone}
            />
          </Grid>
          <Grid item xs={6} sm={3}>
            <FormTextField
              id={`${id}-handoff-weekday`}
              label="First hand-off on"
              value={
                layer.handoff.weekday ? String(layer.handoff.weekday) : ANY_DAY
              }
              options={WEEKDAY_OPTIONS}
              onChange={e =>
                set({
                  handoff: {
                    time: layer.handoff.time,
                    ...(e.target.value === ANY_DAY
                      ? {}
                      : { weekday: Number(e.target.value) }),
                  },
                })
              }
              error={Boolean(error('handoff.weekday'))}
              helperText={error('handoff.weekday')}
            />
          </Grid>
          <Grid item xs={12} sm={3}>
            <FormTextField
              id={`${id}-start`}
              label="Starts"
              type="date"
              value={layer.start.slice(0, 10)}
              onChange={e => set({ start: e.target.value })}
              error={Boolean(error('start'))}
              helperText={error('start') ?? 'First turn: next hand-off'}
            />
          </Grid>
        </Grid>
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary" component="p">
            {restrictions.length
              ? 'Covers only inside these windows; nobody from this layer outside them.'
              : 'Covers around the clock. Restrict it to windows for office hours or follow-the-sun.'}
          </Typography>
          {errors[`${field}.restrictions`] && (
            <Typography variant="caption" color="error" component="p">
              {errors[`${field}.restrictions`]}
            </Typography>
          )}
          <Box mt={1}>
            {restrictions.map((restriction, i) => (
              <RestrictionFields
                key={i}
                field={`${field}.restrictions[${i}]`}
                id={`${id}-window-${i}`}
                label={`Window ${i + 1} of ${title}`}
                restriction={restriction}
                zone={zone}
                errors={errors}
                onChange={next =>
                  setRestrictions(
                    restrictions.map((r, j) => (j === i ? next : r)),
                  )
                }
                onRemove={() =>
                  setRestrictions(restrictions.filter((_, j) => j !== i))
                }
              />
            ))}
          </Box>
          <Button
            size="small"
            startIcon={<AddIcon />}
            aria-label={`Add a window to ${title}`}
            onClick={() =>
              setRestrictions([...restrictions, newRestriction(zone)])
            }
          >
            Add a window
          </Button>
        </Box>
      </Box>
    </Paper>
  );
}
