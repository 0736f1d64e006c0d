import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ActionItem } from '@reliability-hub/plugin-reliability-common';
import {
  ActionItemFields,
  ActionItemStore,
  NewActionItem,
} from './ActionItemStore';

/** Today's date in UTC, `YYYY-MM-DD`: what overdue is measured against. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Action items: owners checked against the catalog, completion dates kept.
 *
 * @internal
 */
export class ActionItemService {
  static create(options: {
    store: ActionItemStore;
    catalog: CatalogService;
    auth: AuthService;
  }) {
    return new ActionItemService(options);
  }

  private constructor(
    private readonly options: {
      store: ActionItemStore;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  /** The owner must be a User or Group in the catalog. */
  private async checkOwner(owner: string) {
    const kind = parseEntityRef(owner).kind.toLocaleLowerCase('en-US');
    const entity =
      kind === 'user' || kind === 'group'
        ? await this.options.catalog.getEntityByRef(owner, {
            credentials: await this.options.auth.getOwnServiceCredentials(),
          })
        : undefined;
    if (!entity) {
      throw new InputError(`owner: no user or group ${owner} in the catalog`);
    }
  }

  async create(item: NewActionItem, actor: string): Promise<ActionItem> {
    await this.checkOwner(item.owner);
    return this.options.store.createActionItem(
      {
        ...item,
        completedAt: item.status === 'done' ? new Date() : undefined,
      },
      actor,
      todayUtc(),
    );
  }

  async update(
    current: ActionItem,
    changes: ActionItemFields & { version: number },
    actor: string,
  ): Promise<ActionItem> {
    const { version, ...fields } = changes;
    if (fields.owner && fields.owner !== current.owner) {
      await this.checkOwner(fields.owner);
    }
    if (fields.status && fields.status !== current.status) {
      fields.completedAt = fields.status === 'done' ? new Date() : null;
    }
    return this.options.store.updateActionItem(current.id, {
      expectedVersion: version,
      changes: fields,
      actor,
      today: todayUtc(),
    });
  }
}
