import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@reliability-hub/plugin-reliability-common';
import { formatBudgetPercent } from '../format';
import { tierColor } from '../tierColors';

const useStyles = makeStyles(theme => ({
  dot: {
    width: 10,
    height: 10,
    borderRadius: '50%',
    flexShrink: 0,
    marginRight: theme.spacing(1.5),
  },
}));

function stateText(slo: SloStatus): string {
  switch (slo.state) {
    case 'ok':
      return `${formatBudgetPercent(slo.budget.remainingFraction)} budget left${
        slo.alert.state === 'ok' ? '' : ` · ${slo.alert.state}`
      }`;
    case 'no-data':
      return 'No data';
    case 'source-unavailable':
      return 'Source unavailable';
    default:
      return 'Not evaluated yet';
  }
}

/**
 * The entity's SLOs to choose from, each with its budget left in the tier's
 * colour.
 *
 * @internal
 */
export function SloSelector(props: {
  slos: SloStatus[];
  selectedId?: string;
  onSelect: (id: string) => void;
}) {
  const classes = useStyles();
  return (
    <List dense aria-label="SLOs of this entity">
      {props.slos.map(slo => (
        <ListItem
          key={slo.id}
          button
          selected={slo.id === props.selectedId}
          aria-current={slo.id === props.selectedId ? 'true' : undefined}
          onClick={() => props.onSelect(slo.id)}
        >
          <span
            className={classes.dot}
            style={{
              background: tierColor(
                slo.state === 'ok' ? slo.tier?.index : null,
              ),
            }}
          />
          <ListItemText primary={slo.displayName} secondary={stateText(slo)} />
        </ListItem>
      ))}
    </List>
  );
}
