import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import InputAdornment from '@material-ui/core/InputAdornment';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import {
  RUNBOOK_SEVERITIES,
  RunbookLibraryRequest,
} from '@reliability-hub/plugin-reliability-common';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { OWNER_KINDS } from '../../shared/people';
import { DebouncedTextField } from '../DebouncedTextField';

/** The library's search, filters and order, as the API takes them. */
export type LibraryQuery = Omit<RunbookLibraryRequest, 'cursor' | 'limit'>;

/** A change to the query: the new values as strings, '' to clear. */
export type LibraryQueryChange = Partial<Record<keyof LibraryQuery, string>>;

const TEXT_FIELDS: Array<{
  key: 'system' | 'alert' | 'tag';
  label: string;
  placeholder: string;
}> = [
  { key: 'system', label: 'System', placeholder: 'system:default/shop' },
  { key: 'alert', label: 'Alert', placeholder: 'HighErrorRate' },
  { key: 'tag', label: 'Tag', placeholder: 'database' },
];

/** Whether and when a drill last proved a runbook works. */
const VALIDATION_CHOICES = [
  { value: '', label: 'Any' },
  { value: 'never', label: 'Never validated' },
  { value: '30', label: 'Validated over 30 days ago' },
  { value: '90', label: 'Validated over 90 days ago' },
  { value: '180', label: 'Validated over 180 days ago' },
  { value: '365', label: 'Validated over a year ago' },
];

/**
 * The library's search box (full text over titles, steps, commands, alerts
 * and tags), its filters and its order. Text applies when typing pauses;
 * selects apply at once.
 *
 * @internal
 */
export function RunbookLibraryFilters(props: {
  value: LibraryQuery;
  onChange: (change: LibraryQueryChange) => void;
}) {
  const { value, onChange } = props;
  const filtered = Object.entries(value).some(
    ([key, v]) => key !== 'sort' && v !== undefined,
  );
  let validation = '';
  if (value.validated === 'never') {
    validation = 'never';
  } else if (value.validatedOverDays !== undefined) {
    validation = String(value.validatedOverDays);
  }
  let stale = '';
  if (value.stale !== undefined) {
    stale = value.stale ? 'true' : 'false';
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={16} mb={2}>
      <DebouncedTextField
        id="runbook-search"
        label="Search runbooks"
        placeholder="Title, step, command, alert or tag"
        variant="outlined"
        fullWidth
        value={value.q ?? ''}
        onChange={q => onChange({ q })}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon />
            </InputAdornment>
          ),
        }}
        inputProps={{ type: 'search' }}
      />
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
        <PeoplePicker
          id="runbook-filter-owner"
          label="Owner"
          kinds={OWNER_KINDS}
          placeholder="Any team or person"
          variant="outlined"
          margin="none"
          fullWidth={false}
          style={{ minWidth: 240 }}
          value={value.owner ?? null}
          onChange={owner => onChange({ owner: owner ?? '' })}
        />
        {TEXT_FIELDS.map(field => (
          <DebouncedTextField
            key={field.key}
            id={`runbook-filter-${field.key}`}
            label={field.label}
            placeholder={field.placeholder}
            variant="outlined"
            size="small"
            value={value[field.key] ?? ''}
            onChange={v => onChange({ [field.key]: v })}
            InputLabelProps={{ shrink: true }}
          />
        ))}
        <TextField
          select
          id="runbook-filter-severity"
          label="Severity"
          variant="outlined"
          size="small"
          style={{ minWidth: 140 }}
          value={value.severity ?? ''}
          onChange={e => onChange({ severity: e.target.value })}
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="">Any severity</MenuItem>
          {RUNBOOK_SEVERITIES.map(severity => (
            <MenuItem key={severity} value={severity}>
              {severity}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="runbook-filter-stale"
          label="Review"
          variant="outlined"
          size="small"
          style={{ minWidth: 160 }}
          value={stale}
          onChange={e => onChange({ stale: e.target.value })}
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="">Any</MenuItem>
          <MenuItem value="true">Review overdue</MenuItem>
          <MenuItem value="false">Reviewed in time</MenuItem>
        </TextField>
        <TextField
          select
          id="runbook-filter-validation"
          label="Drill validation"
          variant="outlined"
          size="small"
          style={{ minWidth: 200 }}
          value={
            VALIDATION_CHOICES.some(c => c.value === validation)
              ? validation
              : ''
          }
          onChange={e =>
            onChange({
              validated: e.target.value === 'never' ? 'never' : '',
              validatedOverDays:
                e.target.value === 'never' ? '' : e.target.value,
            })
          }
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          {VALIDATION_CHOICES.map(choice => (
            <MenuItem key={choice.value} value={choice.value}>
              {choice.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="runbook-sort"
          label="Sort by"
          variant="outlined"
          size="small"
          style={{ minWidth: 160 }}
          value={value.sort ?? 'title'}
          onChange={e =>
            onChange({ sort: e.target.value === 'title' ? '' : e.target.value })
          }
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="title">Title</MenuItem>
          <MenuItem value="lastReviewed">Last reviewed</MenuItem>
        </TextField>
        {filtered && (
          <Button
            size="small"
            onClick={() =>
              onChange({
                q: '',
                owner: '',
                system: '',
                alert: '',
                tag: '',
                severity: '',
                stale: '',
                validated: '',
                validatedOverDays: '',
              })
            }
          >
            Clear filters
          </Button>
        )}
      </Box>
    </Box>
  );
}
