import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityDeployVerdicts } from '@reliability-hub/plugin-reliability-common';
import { Fragment } from 'react';
import { deployVerdictText } from './deployVerdictText';

const useStyles = makeStyles(theme => ({
  verdict: {
    borderLeft: '4px solid',
    padding: theme.spacing(1, 1.5),
    borderRadius: 2,
  },
  allowed: {
    borderColor: theme.palette.success.main,
    background: `${theme.palette.success.main}14`,
  },
  'allowed-with-conditions': {
    borderColor: theme.palette.warning.main,
    background: `${theme.palette.warning.main}1f`,
  },
  blocked: {
    borderColor: theme.palette.error.main,
    background: `${theme.palette.error.main}14`,
  },
}));

/**
 * Whether the entity may deploy now, in plain words: what may go out, the
 * SLO and tier that decided it, exceptions in force, when the budget is
 * expected back, and who may grant an exception, linked to their pages.
 *
 * @internal
 */
export function DeployVerdict(props: { verdicts: EntityDeployVerdicts }) {
  const classes = useStyles();
  const text = deployVerdictText(props.verdicts);
  const approvers = text.gated?.approvers ?? [];
  return (
    <Box
      role="status"
      aria-label="Deploy verdict"
      className={`${classes.verdict} ${classes[text.worst]}`}
    >
      <Typography variant="body2">
        <strong>{text.headline}</strong>
      </Typography>
      {text.details.map(sentence => (
        <Typography key={sentence} variant="body2">
          {sentence}
        </Typography>
      ))}
      {approvers.length > 0 && (
        <Typography variant="body2">
          Exceptions:{' '}
          {approvers.map((approver, index) => (
            <Fragment key={approver.userRef}>
              {index > 0 && ', '}
              <EntityRefLink
                entityRef={approver.userRef}
                title={approver.displayName}
              />{' '}
              ({approver.role})
            </Fragment>
          ))}
        </Typography>
      )}
    </Box>
  );
}
