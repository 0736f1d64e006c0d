import { useApi } from '@backstage/core-plugin-api';
import { HandoffNote } from '@reliability-hub/plugin-reliability-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../../api';

/** How many schedule ids `GET /handoff-notes` takes in `scheduleId`. */
const MAX_SCHEDULE_IDS = 50;

/** The key of a hand-off's note: its schedule and instant. */
export const noteKey = (scheduleId: string, at: string) =>
  `${scheduleId}@${new Date(at).toISOString()}`;

/**
 * The hand-off notes of these schedules over `[from, to]`, in one request,
 * by {@link noteKey}; `reload` after writing one.
 *
 * @internal
 */
export function useHandoffNotes(
  scheduleIds: string[],
  from: string | undefined,
  to: string | undefined,
) {
  const api = useApi(reliabilityApiRef);
  const ids = scheduleIds.join(',');
  const { value, retry } = useAsyncRetry(async () => {
    if (!ids || !from || !to || from > to) {
      return new Map<string, HandoffNote>();
    }
    const wanted = ids.split(',');
    // More schedules than a query may name: ask for every schedule the
    // caller may see, and keep these.
    const answer = await api.getHandoffNotes({
      ...(wanted.length <= MAX_SCHEDULE_IDS ? { scheduleId: wanted } : {}),
      from,
      to,
    });
    const keep = new Set(wanted);
    return new Map(
      (answer?.notes ?? [])
        .filter(n => keep.has(n.scheduleId))
        .map(n => [noteKey(n.scheduleId, n.at), n]),
    );
  }, [api, ids, from, to]);
  return { notes: value ?? new Map<string, HandoffNote>(), reload: retry };
}
