import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { SloDefinitionProblem } from '@reliability-hub/plugin-reliability-common';

function where(problem: SloDefinitionProblem): string {
  const parts = [problem.file];
  if (problem.documentIndex !== null) {
    parts.push(`document ${problem.documentIndex + 1}`);
  }
  if (problem.line !== undefined) {
    parts.push(`line ${problem.line}`);
  }
  return parts.join(', ');
}

/**
 * Why SLOs of the entity's OpenSLO file could not be used: one line per
 * problem with file, document, line, field and message, so the owner can
 * fix the file.
 *
 * @internal
 */
export function SloProblems(props: { problems: SloDefinitionProblem[] }) {
  const { problems } = props;
  if (problems.length === 0) {
    return null;
  }
  return (
    <WarningPanel
      severity="warning"
      title={
        problems.length === 1
          ? 'The OpenSLO definitions have a problem'
          : `The OpenSLO definitions have ${problems.length} problems`
      }
      defaultExpanded
    >
      <ul aria-label="SLO definition problems" style={{ margin: 0 }}>
        {problems.map((problem, index) => (
          <li key={index}>
            <Typography variant="body2">
              <code>{where(problem)}</code> · <code>{problem.field}</code>:{' '}
              {problem.message}
            </Typography>
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
