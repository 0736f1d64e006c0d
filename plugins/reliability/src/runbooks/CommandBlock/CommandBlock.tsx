import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RunbookCommand } from '@reliability-hub/plugin-reliability-common';
import { CopyButton } from '../CopyButton';

const useStyles = makeStyles(theme => ({
  block: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.borderRadius,
    backgroundColor:
      theme.palette.type === 'dark'
        ? theme.palette.background.default
        : theme.palette.grey[100],
    border: `1px solid ${theme.palette.divider}`,
  },
  code: {
    flex: 1,
    margin: 0,
    fontFamily: 'monospace',
    fontSize: '0.875rem',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
}));

/**
 * One command of a runbook step as a code block with a copy button, and what
 * the command is for above it.
 *
 * @internal
 */
export function CommandBlock(props: { command: RunbookCommand }) {
  const { command } = props;
  const classes = useStyles();
  return (
    <Box mt={1}>
      {command.description && (
        <Typography variant="caption" color="textSecondary" component="p">
          {command.description}
        </Typography>
      )}
      <div className={classes.block}>
        <pre className={classes.code}>
          <code>{command.run}</code>
        </pre>
        <CopyButton text={command.run} />
      </div>
    </Box>
  );
}
