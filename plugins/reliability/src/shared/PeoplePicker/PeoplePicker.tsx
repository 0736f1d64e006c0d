import { CatalogAutocomplete } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import { Person, personFromRef, usePeople } from '../people';
import { PersonAvatar } from '../PersonAvatar';
import { usePeopleSearch } from './usePeopleSearch';

const useStyles = makeStyles(theme => ({
  // The catalog's autocomplete is styled for filter columns (a label above
  // the box, margins around it); here the text field draws its own label.
  wrapper: { '& > div': { margin: 0 } },
  inputRoot: { marginTop: 0 },
  root: { margin: 0 },
  // Wide enough for a name and a ref, however narrow the field.
  popper: { minWidth: 320 },
  option: { display: 'flex', alignItems: 'center', gap: theme.spacing(1.5) },
  optionText: { minWidth: 0 },
  unknownChip: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
}));

/** The kinds of entity a picker offers. @internal */
export type PeopleKind = 'User' | 'Group';

interface CommonProps {
  /** The input's id; the test id of its popup button is `${id}-expand`. */
  id: string;
  label: string;
  /** Whom to offer: users (the default), groups, or both. */
  kinds?: PeopleKind[];
  helperText?: string;
  required?: boolean;
  placeholder?: string;
  /** `outlined` and small for filter bars; `standard` for dialogs. */
  variant?: 'standard' | 'outlined';
  margin?: 'none' | 'dense';
  /** `small` (the default) for dialogs and filter bars; `medium` beside outlined fields. */
  size?: 'small' | 'medium';
  fullWidth?: boolean;
  style?: CSSProperties;
  /** Name the input for screen readers only (table cells). */
  hideLabel?: boolean;
  /** Focus the input (and open the list) when shown, e.g. by an edit button. */
  focusOnMount?: boolean;
  onBlur?: () => void;
}

/** One person: the ref, or null for nobody. */
interface SingleProps extends CommonProps {
  multiple?: false;
  value: string | null;
  onChange: (ref: string | null) => void;
}

/** Any number of people, as refs. */
interface MultipleProps extends CommonProps {
  multiple: true;
  value: string[];
  onChange: (refs: string[]) => void;
}

/** Props of {@link PeoplePicker}. @internal */
export type PeoplePickerProps = SingleProps | MultipleProps;

const USERS: PeopleKind[] = ['User'];

/** Whether a person's name or ref contains what was typed. */
function matches(person: Person, text: string): boolean {
  const term = text.trim().toLocaleLowerCase('en-US');
  return (
    !term ||
    person.displayName.toLocaleLowerCase('en-US').includes(term) ||
    person.ref.toLocaleLowerCase('en-US').includes(term)
  );
}

const labelOf = (person: Person) =>
  person.unknown ? `Unknown (${person.ref})` : person.displayName;

function PersonLine(props: { person: Person }) {
  const { person } = props;
  const classes = useStyles();
  return (
    <div className={classes.option}>
      <PersonAvatar person={person} />
      <div className={classes.optionText}>
        <Typography variant="body2" noWrap>
          {labelOf(person)}
        </Typography>
        <Typography variant="caption" color="textSecondary" noWrap>
          {person.ref}
        </Typography>
      </div>
    </div>
  );
}

/**
 * Picks people from the catalog: users and/or groups, searched as you type
 * by name, title or display name, each shown with avatar, display name and
 * ref. Its value is the entity ref, and only refs the catalog returned can
 * be picked; a stored ref the catalog no longer has shows as unknown and
 * can be cleared.
 *
 * @internal
 */
export function PeoplePicker(props: PeoplePickerProps) {
  const {
    id,
    label,
    kinds = USERS,
    helperText,
    required,
    placeholder,
    variant = 'standard',
    margin = 'dense',
    size = 'small',
    fullWidth = true,
    style,
    hideLabel,
    focusOnMount,
    onBlur,
  } = props;
  const classes = useStyles();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOnMount) {
      input.current?.focus();
    }
  }, [focusOnMount]);
  const refs = useMemo(() => {
    if (props.multiple) {
      return props.value;
    }
    return props.value ? [props.value] : [];
  }, [props.multiple, props.value]);
  const refsKey = refs.join('\n');
  const [open, setOpen] = useState(false);
  const [term, setTerm] = useState('');
  const search = usePeopleSearch({ term, kinds, enabled: open });
  const resolved = usePeople(refs);
  // People picked from a search need not be looked up again.
  const picked = useRef(new Map<string, Person>());

  // Stable objects: the autocomplete resets its text when its value changes.
  const selected = useMemo(
    () =>
      refsKey
        .split('\n')
        .filter(Boolean)
        .map(
          ref =>
            picked.current.get(ref) ??
            resolved.people.get(ref) ??
            // Unknown only when the catalog answered without it.
            personFromRef(ref, !resolved.loading && !resolved.failed),
        ),
    [refsKey, resolved.people, resolved.loading, resolved.failed],
  );
  const unknown = selected.filter(person => person.unknown);

  const remember = (people: Person[]) =>
    people.forEach(person => picked.current.set(person.ref, person));

  const common = {
    id,
    name: id,
    open,
    onOpen: () => setOpen(true),
    onClose: () => setOpen(false),
    options: search.options,
    loading: search.loading,
    // Narrows the last answer at once while the catalog is asked again.
    filterOptions: (options: Person[], state: { inputValue: string }) =>
      options.filter(person => matches(person, state.inputValue)),
    getOptionLabel: labelOf,
    getOptionSelected: (option: Person, value: Person) =>
      option.ref === value.ref,
    onInputChange: (_: unknown, text: string, reason: string) =>
      setTerm(reason === 'input' ? text : ''),
    noOptionsText: search.error
      ? 'Could not search the catalog'
      : 'Nobody in the catalog matches',
    loadingText: 'Searching the catalog…',
    renderOption: (person: Person) => <PersonLine person={person} />,
    classes: {
      root: classes.root,
      inputRoot: classes.inputRoot,
      popper: classes.popper,
    },
    fullWidth,
    onBlur,
    openOnFocus: focusOnMount,
    size,
    // About seven people: the list stays below the field in a dialog.
    ListboxProps: { style: { maxHeight: 336 } },
  };

  const renderInput = (params: any) => (
    <TextField
      {...params}
      label={hideLabel ? undefined : label}
      inputRef={input}
      placeholder={selected.length ? undefined : placeholder}
      variant={variant}
      margin={margin}
      error={unknown.length > 0}
      helperText={
        unknown.length > 0
          ? `Not in the catalog: ${unknown
              .map(person => person.ref)
              .join(', ')}. Clear it or pick someone else.`
          : helperText
      }
      // The asterisk, not the browser's check: a picker with chips has an
      // empty input, and the form's own rules say when it may be sent.
      InputLabelProps={{
        ...params.InputLabelProps,
        // Up when the field has an avatar or chips (MUI sees the adornment),
        // and always when there is a placeholder to read.
        shrink: placeholder ? true : undefined,
        required,
      }}
      inputProps={{
        ...params.inputProps,
        'aria-label': hideLabel ? label : undefined,
      }}
      InputProps={{
        ...params.InputProps,
        startAdornment:
          !props.multiple && selected[0] ? (
            <InputAdornment position="start">
              <PersonAvatar person={selected[0]} size="small" />
            </InputAdornment>
          ) : (
            params.InputProps.startAdornment
          ),
      }}
    />
  );

  let autocomplete;
  if (props.multiple) {
    const { onChange } = props;
    autocomplete = (
      <CatalogAutocomplete<Person, true, false, false>
        {...common}
        multiple
        filterSelectedOptions
        value={selected}
        onChange={(_, people) => {
          remember(people);
          onChange(people.map(person => person.ref));
        }}
        renderTags={(people, getTagProps) =>
          people.map((person, index) => (
            <Chip
              {...getTagProps({ index })}
              key={person.ref}
              size="small"
              avatar={<PersonAvatar person={person} size="small" />}
              label={labelOf(person)}
              variant={person.unknown ? 'outlined' : 'default'}
              className={person.unknown ? classes.unknownChip : undefined}
            />
          ))
        }
        renderInput={renderInput}
      />
    );
  } else {
    const { onChange } = props;
    autocomplete = (
      <CatalogAutocomplete<Person, false, false, false>
        {...common}
        value={selected[0] ?? null}
        onChange={(_, person) => {
          remember(person ? [person] : []);
          onChange(person?.ref ?? null);
        }}
        renderInput={renderInput}
      />
    );
  }
  return (
    <div className={classes.wrapper} style={style}>
      {autocomplete}
    </div>
  );
}
