import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Page } from '@reliability-hub/plugin-reliability-common';

/**
 * Answers that say "not now" rather than "no": the portal starting or
 * overloaded, or its token check not done in time (a plugin token is checked
 * against keys fetched over HTTP, which a busy backend can fail to answer).
 */
const PASSING_STATUSES = new Set([401, 429, 502, 503, 504]);
/** Waits before asking for a page again; one indexing run survives a blip. */
const RETRY_DELAYS_MS = [1_000, 5_000];

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Reads list endpoints of `/api/reliability` page by page, as the search
 * plugin's collators do: with the search plugin's own service credentials.
 * A page that fails with a passing error is asked for again (a fresh token
 * each time), so one dropped connection in an hour-long run over 100,000
 * postmortems does not leave the index without them.
 *
 * @internal
 */
export class ReliabilityApiReader {
  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    retryDelaysMs?: number[];
  }) {
    return new ReliabilityApiReader(
      options.discovery,
      options.auth,
      options.retryDelaysMs ?? RETRY_DELAYS_MS,
    );
  }

  private constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    private readonly retryDelaysMs: number[],
  ) {}

  /** Every item of a paged list, one page at a time. */
  async *pages<T>(
    path: string,
    query: Record<string, string> = {},
  ): AsyncGenerator<T[]> {
    const baseUrl = await this.discovery.getBaseUrl('reliability');
    let cursor: string | undefined;
    do {
      const params = new URLSearchParams({ ...query, limit: '100' });
      if (cursor) {
        params.set('cursor', cursor);
      }
      const page = await this.page<T>(`${baseUrl}${path}?${params}`);
      yield page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  private async page<T>(url: string): Promise<Page<T>> {
    for (let attempt = 0; ; attempt++) {
      const retryIn = this.retryDelaysMs[attempt];
      const { token } = await this.auth.getPluginRequestToken({
        onBehalfOf: await this.auth.getOwnServiceCredentials(),
        targetPluginId: 'reliability',
      });
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { Authorization: `Bearer ${token}` },
        });
      } catch (error) {
        if (retryIn === undefined) throw error;
        await sleep(retryIn);
        continue;
      }
      if (response.ok) {
        return (await response.json()) as Page<T>;
      }
      if (retryIn === undefined || !PASSING_STATUSES.has(response.status)) {
        throw await ResponseError.fromResponse(response);
      }
      await response.body?.cancel();
      await sleep(retryIn);
    }
  }
}
