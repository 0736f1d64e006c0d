import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/**
 * "Load more" under a paged list; shows "Loading…" while a page loads.
 *
 * @internal
 */
export function LoadMoreButton(props: {
  loading: boolean;
  onClick: () => void;
}) {
  return (
    <Box display="flex" justifyContent="center" mt={1}>
      <Button
        variant="outlined"
        disabled={props.loading}
        onClick={props.onClick}
      >
        {props.loading ? 'Loading…' : 'Load more'}
      </Button>
    </Box>
  );
}
