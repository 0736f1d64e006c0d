import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { statusOf } from '../../shared/writeErrors';

/**
 * Why a card has no summary to show. A 404 means the Reliability Hub backend
 * is not installed (or not reachable under `/api/reliability`): say what to
 * set up instead of showing a stack trace.
 *
 * @internal
 */
export function SummaryError(props: { error: Error; title: string }) {
  if (statusOf(props.error) === 404) {
    return (
      <EmptyState
        missing="info"
        title="Reliability Hub backend not found"
        description={
          <>
            The portal has no <code>/api/reliability</code> routes. Add{' '}
            <code>@reliability-hub/plugin-reliability-backend</code> to the
            backend (<code>backend.add(import(…))</code> in{' '}
            <code>packages/backend/src/index.ts</code>) and restart it.
          </>
        }
      />
    );
  }
  return <ResponseErrorPanel error={props.error} title={props.title} />;
}
