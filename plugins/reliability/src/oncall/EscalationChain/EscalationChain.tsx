import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ScheduleOnCall } from '@reliability-hub/plugin-reliability-common';
import { delayText } from '../format';
import { OnCallPerson } from '../OnCallPerson';
import { Person } from '../../shared/people';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(3) },
  item: { marginBottom: theme.spacing(1) },
  meta: { color: theme.palette.text.secondary },
  gap: { color: theme.palette.warning.dark, fontWeight: 600 },
}));

/**
 * Every level of a resolved escalation chain, in order, with the delay
 * before it is paged and whom it reaches now.
 *
 * @internal
 */
export function EscalationChain(props: {
  escalation: ScheduleOnCall['escalation'];
  profiles: Map<string, Person>;
}) {
  const { escalation, profiles } = props;
  const classes = useStyles();
  if (escalation.length === 0) {
    return (
      <Typography variant="body2" className={classes.meta}>
        No escalation policy: only the on-call person is paged.
      </Typography>
    );
  }
  // Delays are relative to the previous level; people want to know when.
  let elapsed = 0;
  return (
    <ol className={classes.list} aria-label="Escalation chain">
      {escalation.map((level, index) => {
        elapsed += level.delayMinutes;
        return (
          <li key={index} className={classes.item}>
            <Typography variant="body2" className={classes.meta}>
              Level {index + 1} · {delayText(level.delayMinutes)}
              {index > 0 && level.delayMinutes > 0
                ? ` (${elapsed} min after the page)`
                : ''}
              {level.schedule ? ` · on call for ${level.schedule}` : ''}
            </Typography>
            <Box mt={0.5}>
              {level.user ? (
                <OnCallPerson
                  userRef={level.user}
                  profile={profiles.get(level.user)}
                  compact
                />
              ) : (
                <Typography variant="body2" className={classes.gap}>
                  {`Nobody: ${level.schedule ?? 'this level'} has a gap now`}
                </Typography>
              )}
            </Box>
          </li>
        );
      })}
    </ol>
  );
}
