import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Avatar from '@material-ui/core/Avatar';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChatIcon from '@material-ui/icons/Chat';
import EmailIcon from '@material-ui/icons/Email';
import { initials, refName } from '../format';
import { UserProfile } from '../useUserProfiles';

const useStyles = makeStyles(theme => ({
  avatar: {
    width: theme.spacing(5),
    height: theme.spacing(5),
    backgroundColor: theme.palette.primary.main,
    fontSize: '1rem',
  },
  small: {
    width: theme.spacing(3),
    height: theme.spacing(3),
    fontSize: '0.7rem',
  },
  contacts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    fontSize: '0.85rem',
  },
  contact: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  icon: { fontSize: '1rem' },
}));

/**
 * A person who is (or will be) on call: avatar or initials, their name
 * linking to their catalog page, and how to reach them.
 *
 * @internal
 */
export function OnCallPerson(props: {
  userRef: string;
  profile?: UserProfile;
  /** One line without contact links, for tables and chains. */
  compact?: boolean;
}) {
  const { userRef, profile, compact } = props;
  const classes = useStyles();
  const name = profile?.displayName ?? refName(userRef);
  return (
    <Box display="flex" alignItems="center" gridGap={compact ? 8 : 12}>
      <Avatar
        alt={name}
        src={profile?.picture}
        className={`${classes.avatar} ${compact ? classes.small : ''}`}
      >
        {initials(name)}
      </Avatar>
      <Box>
        <Typography variant={compact ? 'body2' : 'subtitle1'} component="div">
          <EntityRefLink entityRef={userRef} title={name} />
        </Typography>
        {!compact && (profile?.email || profile?.chat) && (
          <div className={classes.contacts}>
            {profile.email && (
              <Link to={`mailto:${profile.email}`} className={classes.contact}>
                <EmailIcon className={classes.icon} />
                {profile.email}
              </Link>
            )}
            {profile.chat && (
              <Link to={profile.chat.url} className={classes.contact}>
                <ChatIcon className={classes.icon} />
                {profile.chat.title ?? 'Chat'}
              </Link>
            )}
          </div>
        )}
      </Box>
    </Box>
  );
}
