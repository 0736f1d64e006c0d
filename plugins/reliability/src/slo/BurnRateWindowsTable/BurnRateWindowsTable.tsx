import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  BURN_RATE_WINDOWS,
  BurnRateAlertRule,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import { formatBurnRate, windowLabel } from '../format';

/**
 * The burn rate over every window from 5 minutes to 3 days, with the alert
 * rules that read each window and whether the rate is over their factor.
 *
 * @internal
 */
export function BurnRateWindowsTable(props: {
  slo: SloStatus;
  rules: readonly BurnRateAlertRule[];
}) {
  const { slo, rules } = props;
  const current = slo.state === 'ok';
  return (
    <Table size="small" aria-label="Burn rate by window">
      <TableHead>
        <TableRow>
          <TableCell>Window</TableCell>
          <TableCell align="right">Burn rate</TableCell>
          <TableCell>Used by</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {BURN_RATE_WINDOWS.map(window => {
          const rate = current ? slo.burnRates[window] : null;
          const using = rules.filter(
            r => r.longWindow === window || r.shortWindow === window,
          );
          const over = using.some(
            r => typeof rate === 'number' && rate >= r.factor,
          );
          return (
            <TableRow key={window}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {window}{' '}
                <Typography variant="caption" color="textSecondary">
                  ({windowLabel(window)})
                </Typography>
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                <Typography
                  variant="body2"
                  color={over ? 'error' : 'textPrimary'}
                  style={{ fontWeight: over ? 600 : undefined }}
                >
                  {formatBurnRate(rate)}
                </Typography>
              </TableCell>
              <TableCell>
                <Typography variant="caption" color="textSecondary">
                  {using
                    .map(
                      r =>
                        `${r.severity} ≥ ${formatBurnRate(r.factor)} with ${
                          r.longWindow === window ? r.shortWindow : r.longWindow
                        }`,
                    )
                    .join(' · ') || '–'}
                </Typography>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
