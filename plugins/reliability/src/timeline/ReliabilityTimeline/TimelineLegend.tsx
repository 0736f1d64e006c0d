import Typography from '@material-ui/core/Typography';
import { useStyles } from './timelineStyles';

/** A legend entry: a swatch or a marker line and its meaning. */
export function LegendEntry(props: {
  color: string;
  label: string;
  kind?: 'area' | 'line';
  dash?: string;
}) {
  const classes = useStyles();
  const { color, label, kind = 'area', dash } = props;
  return (
    <li className={classes.legendItem}>
      {kind === 'area' ? (
        <span
          aria-hidden
          className={classes.swatch}
          style={{ backgroundColor: color, opacity: 0.6 }}
        />
      ) : (
        <span
          aria-hidden
          className={classes.marker}
          style={{
            borderLeftColor: color,
            borderLeftStyle: dash ? 'dashed' : 'solid',
          }}
        />
      )}
      <Typography variant="caption">{label}</Typography>
    </li>
  );
}
