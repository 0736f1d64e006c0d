import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import {
  POSTMORTEM_SECTIONS,
  Postmortem,
  PostmortemSectionKey,
} from '@reliability-hub/plugin-reliability-common';
import { FormEvent, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { FormActions } from '../../shared/FormActions';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { useWrite } from '../../shared/useWrite';
import { CONFLICT_MESSAGE } from '../../shared/writeErrors';
import { WriteError } from '../../shared/WriteError';
import { MarkdownSectionEditor } from '../MarkdownSectionEditor';

type Sections = Record<PostmortemSectionKey, string>;

const sectionsOf = (postmortem: Postmortem) =>
  Object.fromEntries(
    POSTMORTEM_SECTIONS.map(s => [s.key, postmortem[s.key] ?? '']),
  ) as Sections;

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
  const [reviewers, setReviewers] = useState(postmortem.reviewers);
  const [sections, setSections] = useState(sectionsOf(postmortem));
  const { busy, error, run } = useWrite(
    () =>
      api.updatePostmortem(postmortem.id, {
        version: postmortem.version,
        title: title.trim(),
        impactUsersAffected: usersAffected.trim() || null,
        impactDurationMinutes: duration.trim() === '' ? null : Number(duration),
        impactErrorBudget: errorBudget.trim() || null,
        reviewers,
        ...sections,
      }),
    {
      onSuccess: () => onDone({ saved: true }),
      // The page reloads and says why; edits made on the old version are not kept.
      onConflict: () => onDone({ saved: false, error: CONFLICT_MESSAGE }),
    },
  );

  const save = (event: FormEvent) => {
    event.preventDefault();
    run();
  };

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
          <PeoplePicker
            multiple
            id="postmortem-reviewers"
            label="Reviewers"
            value={reviewers}
            onChange={setReviewers}
            variant="outlined"
            margin="none"
            helperText="Who reviews it before it is published"
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
          <WriteError error={error} />
          <FormActions
            submitLabel="Save"
            busyLabel="Saving…"
            busy={busy}
            canSubmit={Boolean(title.trim())}
            onCancel={() => onDone({ saved: false })}
          />
        </Grid>
      </Grid>
    </form>
  );
}
