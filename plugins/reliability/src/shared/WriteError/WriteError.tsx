import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';

/**
 * Why a write failed, beside the control that made it: the message from
 * `useWrite`, announced to screen readers. Nothing when there is none.
 *
 * @internal
 */
export function WriteError(props: { error?: string }) {
  if (!props.error) {
    return null;
  }
  return (
    <Box display="flex" alignItems="center" gridGap={4} color="error.main">
      <ErrorOutlineIcon fontSize="small" />
      <Typography color="error" role="alert" variant="body2">
        {props.error}
      </Typography>
    </Box>
  );
}
