import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { useReliabilityLinks } from '../../shared/links';
import { useSignedInUser } from '../../shared/people/useSignedInUser';
import { formatDay } from '../../runbooks/format';

/** Items on the card; the organisation's page lists them all. */
const LIMIT = 8;

/**
 * The home page card "My action items": the open action items the signed-in
 * user or one of their groups owns, overdue first, each linked to its
 * postmortem (one request).
 *
 * @internal
 */
export function MyActionItemsCardContent() {
  const api = useApi(reliabilityApiRef);
  const links = useReliabilityLinks();
  const me = useSignedInUser();
  const owners = me.ownershipRefs ?? [];
  const items = useAsync(
    async () =>
      owners.length
        ? (
            await api.listActionItems({
              owner: owners,
              status: 'open',
              limit: LIMIT,
            })
          ).items
        : [],
    [api, owners.join(',')],
  );

  if (items.loading || me.loading) {
    return <Progress />;
  }
  if (items.error) {
    return (
      <ResponseErrorPanel
        error={items.error}
        title="Could not load your action items"
      />
    );
  }
  const open = [...(items.value ?? [])].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
  );
  if (open.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No open action items for you or your teams. Nothing owed.
      </Typography>
    );
  }
  return (
    <List dense aria-label="My action items">
      {open.map(item => (
        <ListItem key={item.id} disableGutters>
          <ListItemText
            primary={
              <Link to={links.postmortem(item.entityRef, item.postmortemId)}>
                {item.title}
              </Link>
            }
            secondary={`${item.priority} · ${
              item.dueDate ? `due ${formatDay(item.dueDate)}` : 'no due date'
            }`}
          />
          {item.overdue && (
            <Chip size="small" color="secondary" label="Overdue" />
          )}
        </ListItem>
      ))}
    </List>
  );
}
