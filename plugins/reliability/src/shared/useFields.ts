import { ChangeEvent, useCallback, useState } from 'react';

/** `dueDate` → `due-date`, for element ids. */
const kebab = (name: string) =>
  name.replace(/[A-Z]/g, letter => `-${letter.toLocaleLowerCase('en-US')}`);

/**
 * The text values of a form, one state for all its fields. `field(name)`
 * gives a text field its id (`<idPrefix>-<name>`), value and change handler.
 *
 * @internal
 */
export function useFields<T extends Record<string, string>>(
  idPrefix: string,
  initial: T,
) {
  const [values, setValues] = useState(initial);
  const set = useCallback(
    (name: keyof T, value: string) =>
      setValues(current => ({ ...current, [name]: value })),
    [],
  );
  const field = (name: keyof T & string) => ({
    id: `${idPrefix}-${kebab(name)}`,
    value: values[name],
    onChange: (event: ChangeEvent<{ value: unknown }>) =>
      set(name, String(event.target.value)),
  });
  return { values, set, field };
}
