import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChatIcon from '@material-ui/icons/Chat';
import EmailIcon from '@material-ui/icons/Email';
import { Person, personFromRef } from '../../shared/people';
import { PersonAvatar } from '../../shared/PersonAvatar';

const useStyles = makeStyles(theme => ({
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
  profile?: Person;
  /** One line without contact links, for tables and chains. */
  compact?: boolean;
}) {
  const { userRef, profile, compact } = props;
  const classes = useStyles();
  const person = profile ?? personFromRef(userRef);
  return (
    <Box display="flex" alignItems="center" gridGap={compact ? 8 : 12}>
      <PersonAvatar person={person} size={compact ? 'small' : 'large'} />
      <Box>
        <Typography variant={compact ? 'body2' : 'subtitle1'} component="div">
          <EntityRefLink entityRef={userRef} title={person.displayName} />
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
