import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Page } from '@reliability-hub/plugin-reliability-common';

/**
 * Reads list endpoints of `/api/reliability` page by page, as the search
 * plugin's collators do: with the search plugin's own service credentials.
 *
 * @internal
 */
export class ReliabilityApiReader {
  static create(options: { discovery: DiscoveryService; auth: AuthService }) {
    return new ReliabilityApiReader(options.discovery, options.auth);
  }

  private constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
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
      const { token } = await this.auth.getPluginRequestToken({
        onBehalfOf: await this.auth.getOwnServiceCredentials(),
        targetPluginId: 'reliability',
      });
      const response = await fetch(`${baseUrl}${path}?${params}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const page = (await response.json()) as Page<T>;
      yield page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }
}
