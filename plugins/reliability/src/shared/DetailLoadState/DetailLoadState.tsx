import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { statusOf } from '../writeErrors';

/**
 * What a detail page (an incident, a postmortem) shows before its record is
 * there: progress while loading, an empty state that says where to look when
 * the record does not exist, or the error.
 *
 * @internal
 */
export function DetailLoadState(props: {
  loading: boolean;
  error?: Error;
  /** The record's kind, e.g. `incident`. */
  noun: string;
  /** Shown when the record does not exist (404). */
  missingDescription: string;
}) {
  const { loading, error, noun, missingDescription } = props;
  if (loading) {
    return <Progress />;
  }
  if (statusOf(error) === 404) {
    return (
      <EmptyState
        missing="data"
        title={`No such ${noun}`}
        description={missingDescription}
      />
    );
  }
  return (
    <ResponseErrorPanel
      error={error ?? new Error(`No ${noun}`)}
      title={`Could not load the ${noun}`}
    />
  );
}
