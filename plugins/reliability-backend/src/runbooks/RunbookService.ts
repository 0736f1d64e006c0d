import {
  EntityRunbooks,
  RunbooksForAlert,
} from '@reliability-hub/plugin-reliability-common';
import { RunbookStore } from './store/RunbookStore';

/**
 * Reads of the runbook index that combine several store calls.
 *
 * @internal
 */
export class RunbookService {
  static create(options: { store: RunbookStore }) {
    return new RunbookService(options.store);
  }

  private constructor(private readonly store: RunbookStore) {}

  /**
   * The runbooks of an entity, or — for a group or system, given its
   * `components` — of those components together.
   */
  async entityRunbooks(
    entityRef: string,
    options: { today: string; components?: string[] },
  ): Promise<EntityRunbooks> {
    const refs = options.components ?? [entityRef];
    const [sources, runbooks] = await Promise.all([
      this.store.getSources(refs),
      this.store.listEntityRunbooks(refs, options.today),
    ]);
    const refreshed = sources.map(source => source.refreshedAt).sort();
    return {
      entityRef,
      configured: sources.length > 0,
      runbooks,
      problems: sources.flatMap(source => source.problems),
      refreshedAt: refreshed.length ? refreshed[refreshed.length - 1] : null,
    };
  }

  /** Runbooks naming the alert; those of `entityRef` first. */
  async forAlert(
    alertname: string,
    options: { today: string; entityRef?: string },
  ): Promise<RunbooksForAlert> {
    const runbooks = await this.store.findByAlert(alertname, options.today);
    const own = runbooks.filter(r => r.entityRef === options.entityRef);
    const others = runbooks.filter(r => r.entityRef !== options.entityRef);
    return { alertname, runbooks: [...own, ...others] };
  }
}
