import { parseEntityRef } from '@backstage/catalog-model';
import { CodeSnippet, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';

type Format = 'prometheus' | 'operator';
type Scope = 'slo' | 'component';

/**
 * The Prometheus rules that page on this SLO as the card judges it, or on
 * all of its component's SLOs, to copy or download: a rule file or a
 * prometheus-operator `PrometheusRule`.
 *
 * @internal
 */
export function PrometheusRules(props: { slo: SloStatus }) {
  const { slo } = props;
  const api = useApi(reliabilityApiRef);
  const [format, setFormat] = useState<Format>('prometheus');
  const [scope, setScope] = useState<Scope>('slo');
  const component = parseEntityRef(slo.entityRef).name;
  const rules = useAsync(
    () =>
      api.getSloPrometheusRules(slo.entityRef, {
        ...(scope === 'slo' ? { sloName: slo.sloName } : {}),
        format,
      }),
    [api, slo.entityRef, slo.sloName, format, scope],
  );
  const [href, setHref] = useState<string>();
  useEffect(() => {
    if (!rules.value) {
      return undefined;
    }
    const url = URL.createObjectURL(
      new Blob([rules.value], { type: 'application/yaml' }),
    );
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [rules.value]);
  const file = `${scope === 'slo' ? slo.sloName : component}${
    format === 'operator' ? '.prometheusrule' : '.rules'
  }.yaml`;

  return (
    <>
      <Typography variant="body2" gutterBottom>
        Recording rules for the error ratio, the burn-rate alerts of this page
        (page and ticket) and an error-budget-exhausted alert, labelled so that
        Alertmanager's webhook opens the incident on this component, for this
        SLO or for all of {component}'s SLOs.
      </Typography>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
        <ButtonGroup size="small" aria-label="Rules of">
          {(
            [
              ['slo', 'This SLO'],
              ['component', `All of ${component}'s SLOs`],
            ] as const
          ).map(([value, label]) => (
            <Button
              key={value}
              aria-pressed={scope === value}
              variant={scope === value ? 'contained' : 'outlined'}
              color={scope === value ? 'primary' : 'default'}
              onClick={() => setScope(value)}
            >
              {label}
            </Button>
          ))}
        </ButtonGroup>
        <ButtonGroup size="small" aria-label="Rule format">
          {(
            [
              ['prometheus', 'Rule file'],
              ['operator', 'PrometheusRule'],
            ] as const
          ).map(([value, label]) => (
            <Button
              key={value}
              aria-pressed={format === value}
              variant={format === value ? 'contained' : 'outlined'}
              color={format === value ? 'primary' : 'default'}
              onClick={() => setFormat(value)}
            >
              {label}
            </Button>
          ))}
        </ButtonGroup>
        {href && !rules.loading && (
          <Button
            size="small"
            variant="outlined"
            href={href}
            {...{ download: file }}
          >
            Download {file}
          </Button>
        )}
      </Box>
      {rules.loading && <Progress />}
      {rules.error && (
        <Typography variant="body2" color="error">
          Could not load the rules: {rules.error.message}
        </Typography>
      )}
      {rules.value && !rules.loading && (
        <CodeSnippet text={rules.value} language="yaml" showCopyCodeButton />
      )}
    </>
  );
}
