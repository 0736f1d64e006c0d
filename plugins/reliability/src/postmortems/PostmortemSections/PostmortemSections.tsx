import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  POSTMORTEM_SECTIONS,
  Postmortem,
} from '@reliability-hub/plugin-reliability-common';
import { InertMarkdown } from '../../shared/InertMarkdown';

function ImpactFigures(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const figures: Array<[string, string | null]> = [
    ['Users affected', postmortem.impactUsersAffected],
    [
      'Duration',
      postmortem.impactDurationMinutes === null
        ? null
        : `${postmortem.impactDurationMinutes} min`,
    ],
    ['SLO / error budget', postmortem.impactErrorBudget],
  ];
  return (
    <Box display="flex" flexWrap="wrap" gridGap={24} mb={1}>
      {figures.map(([label, value]) => (
        <div key={label}>
          <Typography variant="caption" color="textSecondary">
            {label}
          </Typography>
          <Typography variant="body2">{value || '–'}</Typography>
        </div>
      ))}
    </Box>
  );
}

/**
 * A postmortem's template sections, rendered from Markdown (sanitized by
 * `InertMarkdown`), with the impact figures under "Impact".
 *
 * @internal
 */
export function PostmortemSections(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  return (
    <>
      {POSTMORTEM_SECTIONS.map(section => {
        const text = postmortem[section.key];
        return (
          <Box key={section.key} component="section" mb={3}>
            <Typography variant="h6" component="h3" gutterBottom>
              {section.title}
            </Typography>
            {section.key === 'impact' && (
              <ImpactFigures postmortem={postmortem} />
            )}
            {text?.trim() ? (
              <InertMarkdown content={text} />
            ) : (
              <Typography variant="body2" color="textSecondary">
                Not written yet.
              </Typography>
            )}
          </Box>
        );
      })}
    </>
  );
}
