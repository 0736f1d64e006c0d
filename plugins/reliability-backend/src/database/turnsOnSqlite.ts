import { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import { isSqlite } from './sql';
import { yieldToLoop } from './yieldToLoop';

const TAKES_TURNS = Symbol.for('reliability-hub.takesTurnsOnSqlite');

/**
 * How long queries may run back to back before the next one waits for the
 * event loop to turn. A request's query and its work after it take a
 * millisecond or two here; with a slice of 5 ms, 200 clients still held the
 * loop for 25–37 ms at p99, with 1 ms for 12–19 ms (of the 20 ms a portal's
 * loop may be held), with 10 clients' latency as with 5 ms.
 */
const DEFAULT_SLICE_MS = 1;

/**
 * Makes the queries of `knex` take turns with the rest of the backend when
 * it is SQLite: once queries have held the event loop for `sliceMs` without
 * it turning, the next one waits for a turn after it gets the connection.
 *
 * `better-sqlite3` runs every query on the event loop, and the pool's one
 * connection passes from query to query in microtasks. Under load, when
 * many requests' queries wait for the connection, the whole queue — each
 * query and the request's work after it — would otherwise run as one block
 * of the loop: 200 waiting requests held it for up to 400 ms, during which
 * no timer fired and no other request of the portal, the catalog's
 * included, was read. With a few requests at a time no query waits: they
 * never fill a slice. PostgreSQL needs none of this: its queries leave the
 * loop.
 *
 * @internal
 */
export function takeTurnsOnSqlite(
  knex: Knex,
  options: { sliceMs?: number } = {},
): void {
  if (!isSqlite(knex)) {
    return;
  }
  const client = knex.client as Knex.Client & { [TAKES_TURNS]?: true };
  if (client[TAKES_TURNS]) {
    return;
  }
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  // When the loop last turned as far as these queries know: set by the
  // first query after a turn, cleared by the turn after it.
  let since: number | undefined;
  const startSlice = () => {
    since = performance.now();
    setImmediate(() => {
      since = undefined;
    });
  };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    const connection = await acquire();
    if (since === undefined) {
      startSlice();
    } else if (performance.now() - since > sliceMs) {
      await yieldToLoop();
      startSlice();
    }
    return connection;
  };
  client[TAKES_TURNS] = true;
}
