import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/**
 * The alert names a runbook answers, as code, or nothing when it names none.
 *
 * @internal
 */
export function AlertList(props: { alerts: string[]; label?: string }) {
  const { alerts, label = 'Alerts' } = props;
  if (alerts.length === 0) {
    return null;
  }
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={6}>
      <Typography variant="caption" color="textSecondary">
        {label}:
      </Typography>
      {alerts.map(alert => (
        <Typography key={alert} variant="caption" component="code">
          {alert}
        </Typography>
      ))}
    </Box>
  );
}
