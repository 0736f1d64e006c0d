import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import { EscalationLevel } from '@reliability-hub/plugin-reliability-common';
import { FormTextField } from '../../shared/FormTextField';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { FieldErrors } from './draft';

const PERSON = '\u0000person';

/**
 * The escalation policy: who is paged at each level (the on-call of a
 * schedule, or one person picked from the catalog) and how many minutes
 * after the level before without acknowledgement; how often the chain
 * repeats. No levels: no policy.
 *
 * @internal
 */
export function EscalationFields(props: {
  levels: EscalationLevel[];
  repeat: number;
  /** Schedules a level may name: this one (as being named) and the others. */
  scheduleNames: string[];
  errors: FieldErrors;
  onChange: (levels: EscalationLevel[], repeat: number) => void;
}) {
  const { levels, repeat, scheduleNames, errors, onChange } = props;
  const setLevel = (i: number, level: EscalationLevel) =>
    onChange(
      levels.map((l, j) => (j === i ? level : l)),
      repeat,
    );
  const targetOptions = (current: string) =>
    [
      ...(current === PERSON || scheduleNames.includes(current)
        ? []
        : [current]),
      ...scheduleNames,
    ]
      .map(name => ({
        value: name,
        label: `On call for ${name}`,
      }))
      .concat({ value: PERSON, label: 'A person…' });

  return (
    <Box>
      {levels.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No escalation policy: incidents page only whoever is on call for this
          schedule.
        </Typography>
      )}
      {levels.map((level, i) => {
        const field = `escalationPolicy.levels[${i}]`;
        const error = (name: string) => errors[`${field}.${name}`];
        const target =
          'schedule' in level.target ? level.target.schedule : PERSON;
        return (
          <Box
            key={i}
            role="group"
            aria-label={`Escalation level ${i + 1}`}
            display="flex"
            alignItems="flex-start"
            gridGap={12}
          >
            <Typography
              variant="body2"
              style={{ minWidth: 60, paddingTop: 22, fontWeight: 600 }}
            >
              Level {i + 1}
            </Typography>
            <Box flex="0 0 150px">
              <FormTextField
                id={`schedule-editor-level-${i}-delay`}
                label="Delay (minutes)"
                type="number"
                inputProps={{ min: 0, max: 1440, step: 1 }}
                value={
                  Number.isNaN(level.delayMinutes)
                    ? ''
                    : String(level.delayMinutes)
                }
                onChange={e =>
                  setLevel(i, {
                    ...level,
                    delayMinutes:
                      e.target.value === '' ? NaN : Number(e.target.value),
                  })
                }
                error={Boolean(error('delayMinutes'))}
                helperText={
                  error('delayMinutes') ??
                  (i === 0 ? 'after the page' : `after level ${i}`)
                }
              />
            </Box>
            <Box flex="0 0 220px">
              <FormTextField
                id={`schedule-editor-level-${i}-target`}
                label="Who is paged"
                value={target}
                options={targetOptions(target)}
                onChange={e =>
                  setLevel(i, {
                    ...level,
                    target:
                      e.target.value === PERSON
                        ? { user: '' }
                        : { schedule: String(e.target.value) },
                  })
                }
                error={Boolean(error('target'))}
                helperText={error('target')}
              />
            </Box>
            {'user' in level.target && (
              <Box flex={1}>
                <PeoplePicker
                  id={`schedule-editor-level-${i}-user`}
                  label="Person"
                  value={level.target.user || null}
                  onChange={user =>
                    setLevel(i, { ...level, target: { user: user ?? '' } })
                  }
                  helperText={error('target.user') ?? error('target')}
                />
              </Box>
            )}
            <Box flexGrow={1} />
            <IconButton
              size="small"
              style={{ marginTop: 16 }}
              aria-label={`Remove escalation level ${i + 1}`}
              onClick={() =>
                onChange(
                  levels.filter((_, j) => j !== i),
                  repeat,
                )
              }
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Box>
        );
      })}
      <Box display="flex" alignItems="center" gridGap={16} mt={1}>
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() =>
            onChange(
              [
                ...levels,
                {
                  delayMinutes: levels.length ? 15 : 0,
                  target: {
                    schedule:
                      scheduleNames[levels.length] ?? scheduleNames[0] ?? '',
                  },
                },
              ],
              repeat,
            )
          }
        >
          Add a level
        </Button>
        {levels.length > 0 && (
          <Box width={200}>
            <FormTextField
              id="schedule-editor-repeat"
              label="Repeat the chain"
              type="number"
              inputProps={{ min: 0, max: 10, step: 1 }}
              value={Number.isNaN(repeat) ? '' : String(repeat)}
              onChange={e =>
                onChange(
                  levels,
                  e.target.value === '' ? NaN : Number(e.target.value),
                )
              }
              error={Boolean(errors['escalationPolicy.repeat'])}
              helperText={errors['escalationPolicy.repeat'] ?? 'more times'}
            />
          </Box>
        )}
      </Box>
    </Box>
  );
}
