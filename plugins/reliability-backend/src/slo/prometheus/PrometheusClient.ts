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
 * @internal
 */
export class PrometheusQueryError extends Error {
  constructor(readonly kind: 'query' | 'unavailable', message: string) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

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
  const who = `Prometheus '${instance.name}' (${instance.baseUrl})`;
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
      throw new PrometheusQueryError(
        'unavailable',
        `${who} did not answer within ${instance.timeoutMs / 1000} s`,
      );
    }
    throw new PrometheusQueryError(
      'unavailable',
      `${who} is unavailable: ${describeCause(error)}`,
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
    const kind =
      (response.status === 400 || response.status === 422) && json?.error
        ? 'query'
        : 'unavailable';
    throw new PrometheusQueryError(
      kind,
      `${who} answered ${response.status} ${reason}`,
    );
  }
  if (json.data?.resultType !== 'vector' || !Array.isArray(json.data.result)) {
    throw new PrometheusQueryError(
      'query',
      `${who} answered a ${String(
        json.data?.resultType,
      )} where an instant vector was expected`,
    );
  }
  return json.data.result.map((item: any) => ({
    labels: item.metric ?? {},
    value: Number(item.value?.[1]),
  }));
}
