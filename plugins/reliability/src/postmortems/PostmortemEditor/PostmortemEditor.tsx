import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  POSTMORTEM_SECTIONS,
  Postmortem,
  PostmortemSectionKey,
} from '@reliability-hub/plugin-reliability-common';
import { FormEvent, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { isConflict, writeErrorMessage } from '../../shared/writeErrors';
import { MarkdownSectionEditor } from '../MarkdownSectionEditor';

type Sections = Record<PostmortemSectionKey, string>;

const sectionsOf = (postmortem: Postmortem) =>
  Object.fromEntries(
    POSTMORTEM_SECTIONS.map(s => [s.key, postmortem[s.key] ?? '']),
  ) as Sections;

const refsOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map(ref => ref.trim())
    .filter(Boolean);

/**
 * The postmortem's edit form: title, impact figures, reviewers and every
 * template section with a Markdown preview. Saving sends the version it was
 * loaded at; when someone else saved in between, the user is told and the
 * page reloads.
 *
 * @internal
 */
export function PostmortemEditor(props: {
  postmortem: Postmortem;
  onDone: (result: { saved: boolean; error?: string }) => void;
}) {
  const { postmortem, onDone } = props;
  const api = useApi(reliabilityApiRef);
  const [title, setTitle] = useState(postmortem.title);
  const [usersAffected, setUsersAffected] = useState(
    postmortem.impactUsersAffected ?? '',
  );
  const [duration, setDuration] = useState(
    postmortem.impactDurationMinutes?.toString() ?? '',
  );
  const [errorBudget, setErrorBudget] = useState(
    postmortem.impactErrorBudget ?? '',
  );
  const [reviewers, setReviewers] = useState(postmortem.reviewers.join(', '));
  const [sections, setSections] = useState(sectionsOf(postmortem));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.updatePostmortem(postmortem.id, {
        version: postmortem.version,
        title: title.trim(),
        impactUsersAffected: usersAffected.trim() || null,
        impactDurationMinutes: duration.trim() === '' ? null : Number(duration),
        impactErrorBudget: errorBudget.trim() || null,
        reviewers: refsOf(reviewers),
        ...sections,
      });
      onDone({ saved: true });
    } catch (e) {
      if (isConflict(e)) {
        onDone({ saved: false, error: writeErrorMessage(e) });
        return;
      }
      setError(writeErrorMessage(e));
      setBusy(false);
    }
  };

  const buttons = (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Button
        type="submit"
        variant="contained"
        color="primary"
        disabled={busy || !title.trim()}
      >
        {busy ? 'Saving…' : 'Save'}
      </Button>
      <Button onClick={() => onDone({ saved: false })} disabled={busy}>
        Cancel
      </Button>
      {error && (
        <Typography color="error" role="alert" variant="body2">
          {error}
        </Typography>
      )}
    </Box>
  );

  return (
    <form onSubmit={save} aria-label="Edit postmortem">
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <TextField
            id="postmortem-title"
            label="Title"
            value={title}
            onChange={e => setTitle(e.target.value)}
            required
            fullWidth
            variant="outlined"
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <TextField
            id="postmortem-users-affected"
            label="Users affected"
            value={usersAffected}
            onChange={e => setUsersAffected(e.target.value)}
            fullWidth
            variant="outlined"
            helperText="Who and how many"
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <TextField
            id="postmortem-duration"
            label="Impact duration (minutes)"
            type="number"
            inputProps={{ min: 0 }}
            value={duration}
            onChange={e => setDuration(e.target.value)}
            fullWidth
            variant="outlined"
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <TextField
            id="postmortem-error-budget"
            label="SLO / error budget impact"
            value={errorBudget}
            onChange={e => setErrorBudget(e.target.value)}
            fullWidth
            variant="outlined"
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            id="postmortem-reviewers"
            label="Reviewers"
            value={reviewers}
            onChange={e => setReviewers(e.target.value)}
            fullWidth
            variant="outlined"
            helperText="User refs, separated by commas, e.g. user:default/jane.doe"
          />
        </Grid>
        {POSTMORTEM_SECTIONS.map(section => (
          <Grid item xs={12} key={section.key}>
            <MarkdownSectionEditor
              id={`postmortem-section-${section.key}`}
              title={section.title}
              value={sections[section.key]}
              onChange={value =>
                setSections(s => ({ ...s, [section.key]: value }))
              }
            />
          </Grid>
        ))}
        <Grid item xs={12}>
          {buttons}
        </Grid>
      </Grid>
    </form>
  );
}
