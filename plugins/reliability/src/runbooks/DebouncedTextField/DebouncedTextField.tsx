import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import { useEffect, useRef, useState } from 'react';

/** How long typing must pause before the value is applied. */
export const DEBOUNCE_MS = 300;

/**
 * A text field that reports its value once typing pauses, so a search does
 * not run on every key. It follows `value` when that changes from outside
 * (back button, cleared filters).
 *
 * @internal
 */
export function DebouncedTextField(
  props: Omit<TextFieldProps, 'value' | 'onChange'> & {
    value: string;
    onChange: (value: string) => void;
  },
) {
  const { value, onChange, ...rest } = props;
  const [text, setText] = useState(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const applied = useRef(value);

  useEffect(() => {
    if (value !== applied.current) {
      applied.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === applied.current) {
      return undefined;
    }
    const timer = setTimeout(() => {
      applied.current = text;
      onChangeRef.current(text);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <TextField
      {...rest}
      value={text}
      onChange={event => setText(event.target.value)}
    />
  );
}
