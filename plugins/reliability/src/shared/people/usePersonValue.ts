import { useState } from 'react';
import { useSignedInUser } from './useSignedInUser';

/**
 * The state of a form field that names one person. With `defaultToMe`, it
 * holds the signed-in user until someone picks another person or clears it.
 *
 * @internal
 */
export function usePersonValue(
  options: { defaultToMe?: boolean; initial?: string | null } = {},
): [string | null, (ref: string | null) => void] {
  const me = useSignedInUser().userRef;
  // undefined: untouched, so the default applies; null: cleared on purpose.
  const [picked, setPicked] = useState<string | null | undefined>(
    options.initial === undefined ? undefined : options.initial,
  );
  if (picked !== undefined) {
    return [picked, setPicked];
  }
  return [(options.defaultToMe && me) || null, setPicked];
}
