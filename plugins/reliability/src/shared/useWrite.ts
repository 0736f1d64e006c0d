import { useCallback, useState } from 'react';
import { isConflict, writeErrorMessage } from './writeErrors';

/**
 * State of a write from the UI: busy while it runs, the message a user can act
 * on when it fails, and `onConflict` (usually a reload) when it failed on a
 * stale version.
 *
 * @internal
 */
export function useWrite(options: { onConflict?: () => void } = {}) {
  const { onConflict } = options;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  /** Runs the write; answers its result, or undefined when it failed. */
  const run = useCallback(
    async <T>(write: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        return await write();
      } catch (e) {
        setError(writeErrorMessage(e));
        if (isConflict(e)) {
          onConflict?.();
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [onConflict],
  );

  return { busy, error, run };
}
