import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityReliabilitySummary } from '@reliability-hub/plugin-reliability-common';
import { useCallback, useEffect, useState } from 'react';
import { ReliabilityApi, reliabilityApiRef } from '../api';

/** What the hook answers, shaped like react-use's `useAsyncRetry`. */
export interface SummaryState {
  loading: boolean;
  value?: EntityReliabilitySummary;
  error?: Error;
}

/**
 * One summary request shared by every card of the entity that is on screen.
 * The entry lives while a card uses it, so leaving the page and coming back
 * asks again instead of showing an old answer.
 */
class SharedSummary {
  state: SummaryState = { loading: true };
  users = 0;
  private readonly listeners = new Set<(state: SummaryState) => void>();
  private generation = 0;

  constructor(
    private readonly api: ReliabilityApi,
    private readonly entityRef: string,
  ) {}

  load() {
    const generation = ++this.generation;
    this.set({ ...this.state, loading: true });
    this.api.getEntitySummary(this.entityRef).then(
      value =>
        generation === this.generation && this.set({ loading: false, value }),
      error =>
        generation === this.generation && this.set({ loading: false, error }),
    );
  }

  subscribe(listener: (state: SummaryState) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private set(state: SummaryState) {
    this.state = state;
    this.listeners.forEach(listener => listener(state));
  }
}

const shared = new WeakMap<ReliabilityApi, Map<string, SharedSummary>>();

function acquire(api: ReliabilityApi, entityRef: string): SharedSummary {
  let byRef = shared.get(api);
  if (!byRef) {
    byRef = new Map();
    shared.set(api, byRef);
  }
  let entry = byRef.get(entityRef);
  if (!entry) {
    entry = new SharedSummary(api, entityRef);
    byRef.set(entityRef, entry);
    entry.load();
  }
  entry.users += 1;
  return entry;
}

function release(api: ReliabilityApi, entityRef: string, entry: SharedSummary) {
  entry.users -= 1;
  const byRef = shared.get(api);
  if (entry.users === 0 && byRef?.get(entityRef) === entry) {
    byRef.delete(entityRef);
  }
}

/**
 * The reliability summary of the entity in context. Cards of the same entity
 * that are on the page together share one request; `retry` asks again for all
 * of them.
 *
 * @internal
 */
export function useEntityReliabilitySummary(): SummaryState & {
  retry: () => void;
} {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [entry, setEntry] = useState<SharedSummary>();
  const [state, setState] = useState<SummaryState>({ loading: true });

  useEffect(() => {
    const current = acquire(api, entityRef);
    setEntry(current);
    setState(current.state);
    const unsubscribe = current.subscribe(setState);
    return () => {
      unsubscribe();
      release(api, entityRef, current);
    };
  }, [api, entityRef]);

  const retry = useCallback(() => entry?.load(), [entry]);
  return { ...state, retry };
}
