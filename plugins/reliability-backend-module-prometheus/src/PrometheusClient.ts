/**
 * Instant queries against one Prometheus over its HTTP API.
 */
import { PrometheusInstance } from './config';

/**
 * Why a request failed: `query` when Prometheus refused the PromQL itself
 * (HTTP 400 / 422: bad syntax, bad types, too many samples), so a smaller
 * batch may still work; `unavailable` for everything else (timeout, network,
 * 5xx, an answer that is not Prometheus's).
 *
 * The message is what users may see: the instance by its configured name and
 * the kind of failure, never its URL nor what it answered (which can hold
 * internal addresses, or the query). `detail` has both, for the logs.
 *
 * @internal
 */
export class PrometheusQueryError extends Error {
  constructor(
    readonly kind: 'query' | 'unavailable',
    message: string,
    readonly detail: string = message,
  ) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

/** Prometheus's own `errorType`s; anything else in that field is not shown. */
const ERROR_TYPES = new Set([
  'bad_data',
  'execution',
  'timeout',
  'canceled',
  'internal',
  'unavailable',
  'not_found',
]);

/**
 * One element of an instant vector: its labels and its value.
 *
 * @internal
 */
export interface VectorSample {
  labels: Record<string, string>;
  value: number;
}

/** The `fetch` the client uses; tests pass a fake. */
export type FetchFn = typeof fetch;

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  return (
    cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error)
  );
}

/** A system error code such as ECONNREFUSED, which names no host. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)
    ? code
    : undefined;
}

/**
 * Runs `query` as an instant query at `timeMs` with POST `/api/v1/query`
 * (a form body, so long batched queries fit) and returns the instant vector.
 *
 * @throws PrometheusQueryError naming the instance and the problem.
 * @internal
 */
export async function instantQuery(options: {
  instance: PrometheusInstance;
  query: string;
  timeMs: number;
  signal?: AbortSignal;
  fetchFn?: FetchFn;
}): Promise<VectorSample[]> {
  const { instance, query, timeMs } = options;
  const fetchFn = options.fetchFn ?? fetch;
  const who = `Prometheus '${instance.name}'`;
  const where = `${who} (${instance.baseUrl})`;
  // A timer of our own, cleared when the request ends, so no timer outlives it.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), instance.timeoutMs);
  const signal = options.signal
    ? AbortSignal.any([options.signal, timeout.signal])
    : timeout.signal;
  const body = new URLSearchParams({
    query,
    time: (timeMs / 1000).toFixed(3),
    // Prometheus stops the evaluation itself a little after we give up waiting.
    timeout: `${Math.ceil(instance.timeoutMs / 1000)}s`,
  });

  let response: Response;
  let text: string;
  try {
    response = await fetchFn(`${instance.baseUrl}/api/v1/query`, {
      method: 'POST',
      headers: {
        ...instance.headers,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) {
      throw new PrometheusQueryError(
        'unavailable',
        `${who}: the evaluation was cancelled`,
      );
    }
    if (timeout.signal.aborted) {
      const late = `did not answer within ${instance.timeoutMs / 1000} s`;
      throw new PrometheusQueryError(
        'unavailable',
        `${who} ${late}`,
        `${where} ${late}`,
      );
    }
    const code = errorCode(error);
    throw new PrometheusQueryError(
      'unavailable',
      `${who} is unreachable${code ? ` (${code})` : ''}`,
      `${where} is unreachable: ${describeCause(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }

  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok || json?.status !== 'success') {
    const reason =
      typeof json?.error === 'string'
        ? `${json.errorType ?? 'error'}: ${json.error}`
        : text.slice(0, 200).trim() || response.statusText;
    const detail = `${where} answered ${response.status} ${reason}`;
    const errorType =
      typeof json?.errorType === 'string' && ERROR_TYPES.has(json.errorType)
        ? `, ${json.errorType}`
        : '';
    if ((response.status === 400 || response.status === 422) && json?.error) {
      throw new PrometheusQueryError(
        'query',
        `${who} rejected the PromQL of this SLO (HTTP ${response.status}${errorType}); ` +
          "try the queries in Prometheus's own query page",
        detail,
      );
    }
    throw new PrometheusQueryError(
      'unavailable',
      `${who} answered HTTP ${response.status}${errorType}`,
      detail,
    );
  }
  if (json.data?.resultType !== 'vector' || !Array.isArray(json.data.result)) {
    throw new PrometheusQueryError(
      'query',
      `${who} answered something other than an instant vector`,
      `${where} answered a ${String(
        json.data?.resultType,
      )} where an instant vector was expected`,
    );
  }
  return json.data.result.map((item: any) => ({
    labels: item.metric ?? {},
    value: Number(item.value?.[1]),
  }));
}
