import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { HandoffNote } from '@reliability-hub/plugin-reliability-common';
import { Person, personFromRef } from '../../shared/people';

/**
 * A hand-off note as the next person reads it: who left it, and what it
 * says, as plain text.
 *
 * @internal
 */
export function HandoffNoteText(props: {
  note: HandoffNote;
  profiles: Map<string, Person>;
  label?: string;
}) {
  const { note, profiles, label = 'Hand-off note' } = props;
  const author = (profiles.get(note.author) ?? personFromRef(note.author))
    .displayName;
  return (
    <Box mt={0.5} aria-label={label}>
      <Typography variant="caption" color="textSecondary">
        {label} from {author}
      </Typography>
      <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
        {note.note}
      </Typography>
    </Box>
  );
}
