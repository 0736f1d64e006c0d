import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { formatTimeWindow } from '../format';

/**
 * Where the SLO is defined and the OpenSLO document as written.
 *
 * @internal
 */
export function SloDefinition(props: { slo: SloStatus; yaml: string | null }) {
  const { slo, yaml } = props;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        <code>{slo.definition.file}</code>, document{' '}
        {slo.definition.documentIndex + 1} · {slo.budgetingMethod} ·{' '}
        {formatTimeWindow(slo)} · source: {slo.sourceType}
      </Typography>
      {yaml ? (
        <CodeSnippet text={yaml} language="yaml" showCopyCodeButton />
      ) : (
        <Typography variant="body2" color="textSecondary">
          The definition document is not stored.
        </Typography>
      )}
    </>
  );
}
