import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { InertMarkdown } from '../../shared/InertMarkdown';

/**
 * One Markdown section of a postmortem: the text on the left, what it will
 * look like on the right. The preview goes through `InertMarkdown`, which
 * sanitizes: raw HTML scripts and `javascript:` links do not survive.
 *
 * @internal
 */
export function MarkdownSectionEditor(props: {
  id: string;
  title: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { id, title, value, onChange } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <TextField
          id={id}
          label={title}
          value={value}
          onChange={e => onChange(e.target.value)}
          multiline
          minRows={4}
          fullWidth
          variant="outlined"
          helperText="Markdown"
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Paper variant="outlined" style={{ padding: 12, minHeight: 112 }}>
          <Typography variant="caption" color="textSecondary">
            Preview
          </Typography>
          {value.trim() ? (
            <InertMarkdown content={value} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              Nothing written yet.
            </Typography>
          )}
        </Paper>
      </Grid>
    </Grid>
  );
}
