import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { RunbookProblem } from '@reliability-hub/plugin-reliability-common';

function where(problem: RunbookProblem): string {
  const line = problem.line ? `:${problem.line}` : '';
  const doc =
    problem.documentIndex > 0 ? ` (document ${problem.documentIndex + 1})` : '';
  return `${problem.file}${line}${doc}`;
}

/**
 * Why some of the entity's runbook files were not taken: file, line, field
 * and message, so the owners can fix them. Nothing when all files are valid.
 *
 * @internal
 */
export function RunbookProblems(props: { problems: RunbookProblem[] }) {
  const { problems } = props;
  if (problems.length === 0) {
    return null;
  }
  const count = problems.length;
  return (
    <WarningPanel
      severity="warning"
      defaultExpanded
      title={`${count} problem${
        count === 1 ? '' : 's'
      } in this entity's runbook files`}
      message="Runbooks with problems are left out until their files are fixed."
    >
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {problems.map((problem, index) => (
          <li key={index}>
            <Typography variant="body2">
              <code>{where(problem)}</code>
              {problem.field && (
                <>
                  {' '}
                  field <code>{problem.field}</code>
                </>
              )}
              : {problem.message}
            </Typography>
          </li>
        ))}
      </ul>
    </WarningPanel>
  );
}
