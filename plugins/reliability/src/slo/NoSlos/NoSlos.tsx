import { EmptyState } from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { ANNOTATION_OPENSLO } from '@reliability-hub/plugin-reliability-common';

/**
 * Why an entity shows no SLOs: no `reliability-hub.io/openslo` annotation,
 * a backend without SLOs, or an OpenSLO file without usable SLOs.
 *
 * @internal
 */
export function NoSlos(props: {
  reason: 'not-configured' | 'not-available' | 'empty';
}) {
  if (props.reason === 'not-configured') {
    return <MissingAnnotationEmptyState annotation={ANNOTATION_OPENSLO} />;
  }
  if (props.reason === 'not-available') {
    return (
      <EmptyState
        missing="info"
        title="SLOs not available"
        description="The Reliability Hub backend of this portal does not evaluate SLOs yet. Update @reliability-hub/plugin-reliability-backend to show them here."
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title="No SLOs defined"
      description={
        <>
          The file named by <code>{ANNOTATION_OPENSLO}</code> has no usable
          OpenSLO <code>SLO</code> documents. Add one with a{' '}
          <code>ratioMetric</code> indicator and an objective.
        </>
      }
    />
  );
}
