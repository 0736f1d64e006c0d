import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  REVIEW_PERIOD_KINDS,
  ReviewPeriodKind,
} from '@reliability-hub/plugin-reliability-common';
import { ReactNode } from 'react';
import { PeoplePicker } from '../../shared/PeoplePicker';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  field: { minWidth: 170 },
  group: { minWidth: 260 },
  spacer: { flex: 1 },
}));

const KIND_LABELS: Record<ReviewPeriodKind, string> = {
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  custom: 'Custom range',
};

/**
 * What a review is asked for, as the controls hold it.
 *
 * @internal
 */
export interface ReviewSelection {
  /** A group; undefined for the organisation (or the entity of the page). */
  entityRef?: string;
  period: ReviewPeriodKind;
  start?: string;
  end?: string;
}

/**
 * The review's controls: whose review (when the page is not an entity's),
 * the period, and the export buttons.
 *
 * @internal
 */
export function ReviewControls(props: {
  selection: ReviewSelection;
  onChange: (selection: ReviewSelection) => void;
  /** Offer a group picker (the organisation's page). */
  pickGroup: boolean;
  actions: ReactNode;
  /** Another choice to offer before the period, e.g. a schedule. */
  before?: ReactNode;
}) {
  const { selection, onChange, pickGroup, actions } = props;
  const classes = useStyles();
  const set = (change: Partial<ReviewSelection>) =>
    onChange({ ...selection, ...change });
  return (
    <div className={`${classes.bar} review-no-print`}>
      {props.before}
      {pickGroup && (
        <div className={classes.group}>
          <PeoplePicker
            id="review-group"
            label="Team"
            placeholder="Whole organisation"
            kinds={['Group']}
            variant="outlined"
            margin="none"
            value={selection.entityRef ?? null}
            onChange={group => set({ entityRef: group ?? undefined })}
          />
        </div>
      )}
      <TextField
        select
        variant="outlined"
        size="small"
        label="Period"
        className={classes.field}
        value={selection.period}
        onChange={event =>
          set({
            period: event.target.value as ReviewPeriodKind,
            end: undefined,
          })
        }
        inputProps={{ 'aria-label': 'Period' }}
      >
        {REVIEW_PERIOD_KINDS.map(kind => (
          <MenuItem key={kind} value={kind}>
            {KIND_LABELS[kind]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        type="date"
        variant="outlined"
        size="small"
        className={classes.field}
        label={
          selection.period === 'custom'
            ? 'From'
            : `${KIND_LABELS[selection.period]} of`
        }
        helperText={
          selection.period === 'custom' || selection.start
            ? undefined
            : `Empty: the last complete ${selection.period}`
        }
        InputLabelProps={{ shrink: true }}
        value={selection.start ?? ''}
        onChange={event => set({ start: event.target.value || undefined })}
      />
      {selection.period === 'custom' && (
        <TextField
          type="date"
          variant="outlined"
          size="small"
          className={classes.field}
          label="To (included)"
          InputLabelProps={{ shrink: true }}
          value={selection.end ?? ''}
          onChange={event => set({ end: event.target.value || undefined })}
        />
      )}
      <span className={classes.spacer} />
      {actions}
    </div>
  );
}

/**
 * A button of the review's export bar.
 *
 * @internal
 */
export function ReviewAction(props: {
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
}) {
  return (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      onClick={props.onClick}
      disabled={props.disabled}
    >
      {props.children}
    </Button>
  );
}
