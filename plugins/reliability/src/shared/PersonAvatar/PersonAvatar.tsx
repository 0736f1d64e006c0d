import Avatar from '@material-ui/core/Avatar';
import { makeStyles } from '@material-ui/core/styles';
import { initials, Person } from '../people';

/** Dark enough for white initials, far enough apart to tell people apart. */
const COLORS = [
  '#1565c0',
  '#2e7d32',
  '#6a1b9a',
  '#c62828',
  '#00695c',
  '#ad1457',
  '#4527a0',
  '#ef6c00',
  '#283593',
  '#558b2f',
];

/** The same color for the same person everywhere. */
function colorOf(ref: string): string {
  let hash = 0;
  for (let i = 0; i < ref.length; i++) {
    hash = (hash * 31 + ref.charCodeAt(i)) % 1_000_003;
  }
  return COLORS[hash % COLORS.length];
}

const useStyles = makeStyles(theme => ({
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
 * A person's picture, or their initials on a color of their own when the
 * catalog has none; square for groups, round for users, a grey "?" for refs
 * the catalog does not know.
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
      className={`${classes[size]} ${className ?? ''}`}
      // Inline, so that hosts such as Chip do not grey it out.
      style={{
        backgroundColor: person.unknown ? '#9e9e9e' : colorOf(person.ref),
        color: '#fff',
      }}
    >
      {person.unknown ? '?' : initials(person.displayName)}
    </Avatar>
  );
}
