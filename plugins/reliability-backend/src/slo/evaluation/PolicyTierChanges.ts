import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SloStatus,
  sloPagePath,
} from '@reliability-hub/plugin-reliability-common';
import { createHash } from 'crypto';
import { Knex } from 'knex';
import { ReliabilityNotifier } from '../../notifications/ReliabilityNotifier';

/** How many rows one `whereIn` names, well under every database's limit. */
const CHUNK = 200;

interface TierRow {
  slo_id: string;
  entity_ref: string;
  tier_name: string;
  tier_index: number;
  previous_tier_name: string | null;
  previous_tier_index: number | null;
  changed_at: Date | string | number;
  notified: boolean | number;
}

const epochMs = (value: Date | string | number) => new Date(value).getTime();

/**
 * The notification key of one change: the objective (hashed, as ids may be
 * longer than a key) and the evaluation that saw the new tier.
 */
function changeKey(sloId: string, changedAt: Date) {
  const slo = createHash('sha256').update(sloId).digest('hex').slice(0, 32);
  return `slo:${slo}:tier-changed:${changedAt.toISOString()}`;
}

/**
 * Tells an SLO's owner group when its error-budget policy tier changes
 * (`policyTierChanged`). The tier each objective was last in is kept in the
 * database: an evaluation in another tier moves it there in one conditional
 * update, so of two replicas evaluating at once one records the change, and
 * the change stays marked untold until its notification went out, so a send
 * that failed is tried again at the next evaluation. The notifier's key
 * names the change, so it is sent once across replicas and restarts. An
 * objective's first tier, and evaluations without data, tell nobody.
 *
 * @internal
 */
export class PolicyTierChanges {
  static create(options: {
    knex: Knex;
    notifier: ReliabilityNotifier;
    logger: LoggerService;
  }) {
    return new PolicyTierChanges(options);
  }

  private failures = 0;

  private constructor(
    private readonly options: {
      knex: Knex;
      notifier: ReliabilityNotifier;
      logger: LoggerService;
    },
  ) {}

  /** Records the tiers of freshly evaluated objectives and tells of changes. */
  async observe(statuses: SloStatus[]): Promise<void> {
    const { knex } = this.options;
    const evaluated = statuses.filter(
      (status): status is SloStatus & { tier: object; evaluatedAt: string } =>
        Boolean(status.tier && status.evaluatedAt),
    );
    const stored = new Map<string, TierRow>();
    for (let i = 0; i < evaluated.length; i += CHUNK) {
      const rows: TierRow[] = await knex('slo_policy_tiers').whereIn(
        'slo_id',
        evaluated.slice(i, i + CHUNK).map(status => status.id),
      );
      for (const row of rows) {
        stored.set(row.slo_id, row);
      }
    }

    const untold: Array<{ status: SloStatus; row: TierRow }> = [];
    for (const status of evaluated) {
      const tier = status.tier!;
      const at = new Date(status.evaluatedAt);
      const row = stored.get(status.id);
      if (!row) {
        await knex('slo_policy_tiers')
          .insert({
            slo_id: status.id,
            entity_ref: status.entityRef,
            tier_name: tier.name,
            tier_index: tier.index,
            changed_at: at,
            notified: true,
          })
          .onConflict('slo_id')
          .ignore();
        continue;
      }
      if (row.tier_name === tier.name) {
        if (!row.notified) {
          untold.push({ status, row });
        }
        continue;
      }
      if (at.getTime() <= epochMs(row.changed_at)) {
        // An evaluation older than the change already recorded.
        continue;
      }
      const changed: TierRow = {
        slo_id: status.id,
        entity_ref: status.entityRef,
        tier_name: tier.name,
        tier_index: tier.index,
        previous_tier_name: row.tier_name,
        previous_tier_index: row.tier_index,
        changed_at: at,
        notified: false,
      };
      const updated = await knex('slo_policy_tiers')
        .where({
          slo_id: row.slo_id,
          tier_name: row.tier_name,
          changed_at: row.changed_at,
        })
        .update(changed);
      if (updated) {
        untold.push({ status, row: changed });
      }
    }

    for (const { status, row } of untold) {
      await this.tell(status, row);
    }
  }

  private async tell(status: SloStatus, row: TierRow) {
    const { knex, notifier, logger } = this.options;
    const changedAt = new Date(epochMs(row.changed_at));
    const worse =
      row.previous_tier_index === null ||
      row.tier_index > row.previous_tier_index;
    const tier = status.tier!;
    const consumed = status.budget.consumedFraction;
    try {
      await notifier.notify({
        key: changeKey(row.slo_id, changedAt),
        kind: 'policyTierChanged',
        recipients: status.owner ? [status.owner] : [],
        title: `${status.displayName} of ${status.entityRef}: error-budget policy now "${tier.name}"`,
        description: [
          consumed === null
            ? undefined
            : `${
                Math.round(consumed * 1000) / 10
              } % of the error budget is spent;`,
          `the policy moved from "${row.previous_tier_name}" to "${tier.name}".`,
          tier.action,
          tier.approver ? `Exceptions need the ${tier.approver}.` : undefined,
        ]
          .filter(Boolean)
          .join(' '),
        link: sloPagePath(status.entityRef, status.id),
        severity: worse ? 'high' : 'normal',
      });
    } catch (error) {
      // Left untold: the next evaluation tries again, under the same key.
      if (this.failures++ % 100 === 0) {
        logger.warn(
          `Could not send the policyTierChanged notification of ${row.slo_id}; is the notifications backend installed? ${error}`,
        );
      }
      return;
    }
    await knex('slo_policy_tiers')
      .where({ slo_id: row.slo_id, changed_at: changedAt })
      .update({ notified: true });
  }
}
