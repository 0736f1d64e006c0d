import Avatar from '@material-ui/core/Avatar';
import { makeStyles } from '@material-ui/core/styles';
import { initials, Person } from '../people';

const useStyles = makeStyles(theme => ({
  avatar: {
    backgroundColor: theme.palette.primary.main,
    color: theme.palette.primary.contrastText,
  },
  unknown: { backgroundColor: theme.palette.grey[500] },
  large: {
    width: theme.spacing(5),
    height: theme.spacing(5),
    fontSize: '1rem',
  },
  medium: {
    width: theme.spacing(4),
    height: theme.spacing(4),
    fontSize: '0.8rem',
  },
  small: {
    width: theme.spacing(3),
    height: theme.spacing(3),
    fontSize: '0.7rem',
  },
}));

/**
 * A person's picture, or their initials when the catalog has none; square
 * for groups, round for users, grey for refs the catalog does not know.
 *
 * @internal
 */
export function PersonAvatar(props: {
  person: Person;
  size?: 'small' | 'medium' | 'large';
  className?: string;
}) {
  const { person, size = 'medium', className } = props;
  const classes = useStyles();
  return (
    <Avatar
      alt=""
      aria-hidden
      src={person.picture}
      variant={person.kind === 'Group' ? 'rounded' : 'circular'}
      className={[
        classes.avatar,
        classes[size],
        person.unknown ? classes.unknown : '',
        className ?? '',
      ].join(' ')}
    >
      {person.unknown ? '?' : initials(person.displayName)}
    </Avatar>
  );
}
