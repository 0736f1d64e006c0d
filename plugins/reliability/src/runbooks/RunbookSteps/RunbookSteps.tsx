import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import {
  RunbookDecision,
  RunbookStep,
} from '@reliability-hub/plugin-reliability-common';
import { CommandBlock } from '../CommandBlock';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  step: {
    display: 'flex',
    gap: theme.spacing(2),
    padding: theme.spacing(2, 0),
    scrollMarginTop: theme.spacing(10),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
    '&:target': {
      backgroundColor: theme.palette.action.selected,
      borderRadius: theme.shape.borderRadius,
    },
  },
  number: {
    flex: '0 0 auto',
    width: 32,
    height: 32,
    borderRadius: '50%',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontWeight: 700,
    backgroundColor: theme.palette.primary.main,
    color: theme.palette.primary.contrastText,
  },
  body: { flex: 1, minWidth: 0 },
  expected: {
    marginTop: theme.spacing(1),
    paddingLeft: theme.spacing(1.5),
    borderLeft: `3px solid ${theme.palette.success.main}`,
  },
  decision: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.borderRadius,
    border: `1px dashed ${theme.palette.warning.main}`,
  },
}));

/** The anchor of a step on the runbook page. */
export function stepAnchor(stepId: string): string {
  return `step-${stepId}`;
}

function Decision(props: {
  decision: RunbookDecision;
  steps: RunbookStep[];
  index: number;
}) {
  const { decision, steps, index } = props;
  const classes = useStyles();
  const targetIndex = decision.next
    ? steps.findIndex(step => step.id === decision.next)
    : index + 1;
  const target = steps[targetIndex];
  let then;
  if (target) {
    then = (
      <>
        {decision.next ? 'go to' : 'continue with'}{' '}
        {/* A plain fragment link: the browser scrolls to the step itself. */}
        <Link href={`#${stepAnchor(target.id)}`}>step {targetIndex + 1}</Link>
      </>
    );
  } else if (decision.next) {
    then = <>go to step {decision.next}</>;
  } else {
    then = <>continue with the verification</>;
  }
  return (
    <div className={classes.decision}>
      <CallSplitIcon fontSize="small" color="action" />
      <Typography variant="body2">
        <strong>If</strong> {decision.condition} → {decision.action} → {then}
      </Typography>
    </div>
  );
}

/**
 * A runbook's steps in order, numbered, each with an anchor (`#step-<id>`):
 * description, commands with copy buttons, the expected result and the
 * decision points as branches that link to the step they lead to.
 *
 * @internal
 */
export function RunbookSteps(props: { steps: RunbookStep[] }) {
  const { steps } = props;
  const classes = useStyles();
  return (
    <ol className={classes.list} aria-label="Steps">
      {steps.map((step, index) => (
        <li
          key={step.id}
          id={stepAnchor(step.id)}
          className={classes.step}
          aria-label={`Step ${index + 1}: ${step.title}`}
        >
          <span className={classes.number} aria-hidden>
            {index + 1}
          </span>
          <div className={classes.body}>
            <Typography variant="h6" component="h3">
              {step.title}
            </Typography>
            {step.description && (
              <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
                {step.description}
              </Typography>
            )}
            {step.commands.map((command, i) => (
              <CommandBlock key={i} command={command} />
            ))}
            {step.expected && (
              <Box className={classes.expected}>
                <Typography variant="body2">
                  <strong>Expected:</strong> {step.expected}
                </Typography>
              </Box>
            )}
            {step.decisions.map((decision, i) => (
              <Decision
                key={i}
                decision={decision}
                steps={steps}
                index={index}
              />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}
