import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddAlertIcon from '@material-ui/icons/AddAlert';
import ChatIcon from '@material-ui/icons/ChatBubbleOutline';
import CheckCircleIcon from '@material-ui/icons/CheckCircleOutline';
import EditIcon from '@material-ui/icons/Edit';
import FlagIcon from '@material-ui/icons/Flag';
import NewIcon from '@material-ui/icons/FiberNew';
import AnnouncementIcon from '@material-ui/icons/AnnouncementOutlined';
import PersonIcon from '@material-ui/icons/PersonOutline';
import ThumbUpIcon from '@material-ui/icons/ThumbUpOutlined';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import {
  IncidentEvent,
  IncidentEventType,
} from '@reliability-hub/plugin-reliability-common';
import { ComponentType } from 'react';
import { exactTime, looksLikeEntityRef, relativeTime } from '../../shared/time';

const ICONS: Record<
  IncidentEventType,
  ComponentType<{ titleAccess?: string }>
> = {
  created: NewIcon,
  acknowledged: ThumbUpIcon,
  role_change: PersonIcon,
  status_update: AnnouncementIcon,
  status_change: FlagIcon,
  update: EditIcon,
  note: ChatIcon,
  alert_firing: AddAlertIcon,
  alert_resolved: CheckCircleIcon,
  escalated: TrendingUpIcon,
};

const TYPE_LABELS: Record<IncidentEventType, string> = {
  created: 'Declared',
  acknowledged: 'Acknowledged',
  role_change: 'Role change',
  status_update: 'Status update',
  status_change: 'Status change',
  update: 'Update',
  note: 'Note',
  alert_firing: 'Alert firing',
  alert_resolved: 'Alert resolved',
  escalated: 'Escalated',
};

function Author(props: { author: string | null }) {
  if (!props.author) {
    return <>someone</>;
  }
  if (props.author === 'escalation-policy') {
    return <>the escalation policy</>;
  }
  return looksLikeEntityRef(props.author) ? (
    <EntityRefLink entityRef={props.author} defaultKind="user" />
  ) : (
    <>{props.author}</>
  );
}

const ROLE_LABELS: Record<string, string> = {
  commander: 'Commander',
  communications: 'Communications lead',
  scribe: 'Scribe',
};

/** The event's text; role changes name the person as the catalog does. */
function Message(props: { event: IncidentEvent }) {
  const { event } = props;
  const data = event.data ?? {};
  if (event.type === 'role_change' && typeof data.role === 'string') {
    const to = typeof data.to === 'string' ? data.to : null;
    return (
      <>
        {ROLE_LABELS[data.role] ?? data.role}:{' '}
        {to ? (
          <EntityRefLink entityRef={to} defaultKind="user" />
        ) : (
          'not assigned'
        )}
      </>
    );
  }
  if (event.type === 'escalated' && Array.isArray(data.people)) {
    const people = data.people.filter(
      (p): p is string => typeof p === 'string',
    );
    return (
      <>
        {event.message.replace(/: nobody is on call at this level now$/, '')}
        {people.length ? ': paged ' : ': nobody is on call at this level now'}
        {people.map((person, index) => (
          <span key={person}>
            {index > 0 && ', '}
            <EntityRefLink entityRef={person} defaultKind="user" />
          </span>
        ))}
      </>
    );
  }
  if (event.type === 'status_update' && typeof data.number === 'number') {
    return (
      <>
        <strong>
          Update #{data.number} ({String(data.status)})
        </strong>
        {`\nImpact: ${String(data.impact)}\nProgress: ${String(data.progress)}`}
        {data.nextSteps ? `\nNext steps: ${String(data.nextSteps)}` : ''}
        {typeof data.nextUpdateAt === 'string'
          ? `\nNext update by ${exactTime(data.nextUpdateAt)}`
          : ''}
      </>
    );
  }
  return <>{event.message}</>;
}

/**
 * An incident's timeline, oldest event first: what happened, who did it, and
 * when.
 *
 * @internal
 */
export function IncidentTimeline(props: { events: IncidentEvent[] }) {
  const events = [...props.events].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
  if (events.length === 0) {
    return (
      <Typography color="textSecondary">
        Nothing on the timeline yet. Notes and status changes appear here.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Timeline">
      {events.map(event => {
        const Icon = ICONS[event.type] ?? EditIcon;
        const label = TYPE_LABELS[event.type] ?? event.type;
        return (
          <ListItem key={event.id} alignItems="flex-start" disableGutters>
            <ListItemIcon>
              <Icon titleAccess={label} />
            </ListItemIcon>
            <ListItemText
              primary={
                <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
                  <Message event={event} />
                </Typography>
              }
              secondary={
                <>
                  {label} · <Author author={event.author} /> ·{' '}
                  <Tooltip title={relativeTime(event.at)}>
                    <span>{exactTime(event.at)}</span>
                  </Tooltip>
                </>
              }
              secondaryTypographyProps={{ component: 'div' }}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
