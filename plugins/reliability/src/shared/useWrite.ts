import { useCallback, useRef, useState } from 'react';
import { isConflict, writeErrorMessage } from './writeErrors';

/**
 * A write from the UI as {@link useWrite} runs it.
 *
 * @internal
 */
export interface Write<A extends unknown[]> {
  /** The write is running: its buttons are disabled. */
  busy: boolean;
  /** What a user can act on when the last run failed (see `WriteError`). */
  error?: string;
  /** Runs the write; true when it succeeded. */
  run: (...args: A) => Promise<boolean>;
}

/**
 * The one way the plugin writes: runs `write`, busy while it runs, keeps the
 * message a user can act on when it fails, calls `onSuccess` (usually a
 * reload of the card's data) with its result, and `onConflict` (usually the
 * same reload) when it failed on a stale version.
 *
 * @internal
 */
export function useWrite<A extends unknown[], T>(
  write: (...args: A) => Promise<T>,
  options: {
    onSuccess?: (result: T) => void;
    onConflict?: () => void;
  } = {},
): Write<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The latest callbacks, so `run` stays the same function across renders.
  const latest = useRef({ write, ...options });
  latest.current = { write, ...options };

  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setError(undefined);
    let result: T;
    try {
      result = await latest.current.write(...args);
    } catch (e) {
      setBusy(false);
      setError(writeErrorMessage(e));
      if (isConflict(e)) {
        latest.current.onConflict?.();
      }
      return false;
    }
    setBusy(false);
    latest.current.onSuccess?.(result);
    return true;
  }, []);

  return { busy, error, run };
}
