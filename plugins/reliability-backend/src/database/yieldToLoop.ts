/**
 * Lets the event loop serve what waits (timers, sockets) before going on.
 * Long work on one backend's loop yields between steps: on SQLite a query's
 * answer arrives without ever reaching the loop, so a run of awaited
 * queries would otherwise hold it throughout.
 *
 * @internal
 */
export function yieldToLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}
