import MenuItem from '@material-ui/core/MenuItem';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';

/** Input types whose browser widget draws its own placeholder. */
const PICKER_TYPES = ['date', 'datetime-local', 'time'];

/** One choice of a select: the value sent, and what the user reads. */
export interface SelectOption {
  value: string;
  label: string;
}

/**
 * The choices of a select from a list of values, labelled by `labels` when
 * given, else by the values themselves.
 *
 * @internal
 */
export function selectOptions<T extends string>(
  values: readonly T[],
  labels?: Record<T, string>,
): SelectOption[] {
  return values.map(value => ({ value, label: labels?.[value] ?? value }));
}

/**
 * A text field of a form: full width, dense, its label kept above date and
 * time widgets. With `options`, a select of those options.
 *
 * @internal
 */
export function FormTextField(
  props: TextFieldProps & {
    options?: readonly SelectOption[];
  },
) {
  const { options, type, select, InputLabelProps, children, ...rest } = props;
  return (
    <TextField
      fullWidth
      margin="dense"
      type={type}
      select={Boolean(options) || select}
      InputLabelProps={{
        ...(type && PICKER_TYPES.includes(type) ? { shrink: true } : {}),
        ...InputLabelProps,
      }}
      {...rest}
    >
      {options
        ? options.map(option => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))
        : children}
    </TextField>
  );
}
