import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_ALERT_SELECTOR } from '@reliability-hub/plugin-reliability-common';
import { AlertMatcher, parseAlertSelector } from './selector';

/**
 * An entity that claims alerts with its selector annotation.
 *
 * @internal
 */
export interface AlertTarget {
  entityRef: string;
  name: string;
  matchers: AlertMatcher[];
}

/**
 * The catalog entities that alerts can map to, with their parsed selectors.
 * Cached for a while, and concurrent loads share one catalog request; a
 * failed load is not cached.
 *
 * @internal
 */
export class AlertTargets {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    cacheTtlMs: number;
  }) {
    return new AlertTargets(options);
  }

  private cache?: { targets: AlertTarget[]; expiresAt: number };
  private loading?: Promise<AlertTarget[]>;

  private constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      cacheTtlMs: number;
    },
  ) {}

  /** The entities with a selector, from the catalog, reused for a while. */
  async load(): Promise<AlertTarget[]> {
    if (this.cache && this.cache.expiresAt > Date.now()) {
      return this.cache.targets;
    }
    if (!this.loading) {
      this.loading = this.fetchTargets()
        .then(targets => {
          this.cache = {
            targets,
            expiresAt: Date.now() + this.options.cacheTtlMs,
          };
          return targets;
        })
        .finally(() => {
          this.loading = undefined;
        });
    }
    return this.loading;
  }

  private async fetchTargets(): Promise<AlertTarget[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_ALERT_SELECTOR}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const targets: AlertTarget[] = [];
    for (const entity of items as Entity[]) {
      const selector = entity.metadata.annotations?.[ANNOTATION_ALERT_SELECTOR];
      if (!selector) {
        continue;
      }
      const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      try {
        targets.push({
          entityRef,
          name: entity.metadata.name,
          matchers: parseAlertSelector(selector),
        });
      } catch (error) {
        this.options.logger.warn(
          `Skipping ${entityRef} for Alertmanager alerts: ${
            (error as Error).message
          }`,
        );
      }
    }
    return targets;
  }
}
