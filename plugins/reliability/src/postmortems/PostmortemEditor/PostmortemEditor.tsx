import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import {
  POSTMORTEM_SECTIONS,
  Postmortem,
  PostmortemSectionKey,
} from '@reliability-hub/plugin-reliability-common';
import { FormEvent, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { FormActions } from '../../shared/FormActions';
import { FormTextField } from '../../shared/FormTextField';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { useFields } from '../../shared/useFields';
import { useWrite } from '../../shared/useWrite';
import { CONFLICT_MESSAGE } from '../../shared/writeErrors';
import { WriteError } from '../../shared/WriteError';
import { MarkdownSectionEditor } from '../MarkdownSectionEditor';

/** The impact figures, side by side under the title. */
const IMPACT_FIELDS = [
  {
    name: 'usersAffected',
    label: 'Users affected',
    helperText: 'Who and how many',
  },
  {
    name: 'duration',
    label: 'Impact duration (minutes)',
    type: 'number',
    inputProps: { min: 0 },
  },
  { name: 'errorBudget', label: 'SLO / error budget impact' },
] as const;

/** The form's text: title, impact figures, and every template section. */
const textOf = (postmortem: Postmortem) => ({
  title: postmortem.title,
  usersAffected: postmortem.impactUsersAffected ?? '',
  duration: postmortem.impactDurationMinutes?.toString() ?? '',
  errorBudget: postmortem.impactErrorBudget ?? '',
  ...(Object.fromEntries(
    POSTMORTEM_SECTIONS.map(s => [s.key, postmortem[s.key] ?? '']),
  ) as Record<PostmortemSectionKey, string>),
});

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
  const { values, field, set } = useFields('postmortem', textOf(postmortem));
  const [reviewers, setReviewers] = useState(postmortem.reviewers);
  const { busy, error, run } = useWrite(
    () => {
      const { title, usersAffected, duration, errorBudget, ...sections } =
        values;
      return api.updatePostmortem(postmortem.id, {
        version: postmortem.version,
        title: title.trim(),
        impactUsersAffected: usersAffected.trim() || null,
        impactDurationMinutes: duration.trim() === '' ? null : Number(duration),
        impactErrorBudget: errorBudget.trim() || null,
        reviewers,
        ...sections,
      });
    },
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
          <FormTextField
            {...field('title')}
            label="Title"
            required
            variant="outlined"
            margin="none"
          />
        </Grid>
        {IMPACT_FIELDS.map(({ name, ...rest }) => (
          <Grid item xs={12} md={4} key={name}>
            <FormTextField
              {...field(name)}
              {...rest}
              variant="outlined"
              margin="none"
            />
          </Grid>
        ))}
        <Grid item xs={12}>
          <PeoplePicker
            multiple
            id="postmortem-reviewers"
            label="Reviewers"
            kinds={['User', 'Group']}
            value={reviewers}
            onChange={setReviewers}
            variant="outlined"
            margin="none"
            size="medium"
            helperText="People or teams from the catalog; one of them, not the author, approves it to publish it"
          />
        </Grid>
        {POSTMORTEM_SECTIONS.map(section => (
          <Grid item xs={12} key={section.key}>
            <MarkdownSectionEditor
              id={`postmortem-section-${section.key}`}
              title={section.title}
              value={values[section.key]}
              onChange={value => set(section.key, value)}
            />
          </Grid>
        ))}
        <Grid item xs={12}>
          <WriteError error={error} />
          <FormActions
            submitLabel="Save"
            busyLabel="Saving…"
            busy={busy}
            canSubmit={Boolean(values.title.trim())}
            onCancel={() => onDone({ saved: false })}
          />
        </Grid>
      </Grid>
    </form>
  );
}
