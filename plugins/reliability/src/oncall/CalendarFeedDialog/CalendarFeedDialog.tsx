import { Progress, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import EventIcon from '@material-ui/icons/Event';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { CalendarFeed } from '../../api';
import { CopyButton } from '../../runbooks/CopyButton';
import { personFromRef, usePeople } from '../../shared/people';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';
import { writeErrorMessage } from '../../shared/writeErrors';

/** The address calendar apps open as a subscription (`webcal:`). */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:/, 'webcal:');
}

/** "A", "A and B", "A, B and C". */
function joinNames(names: string[]): string {
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Whose subscriptions stop when the address is rotated, in words. */
function WhoLoses(props: { names?: string[] }) {
  const { names } = props;
  if (!names) {
    return (
      <>
        Every calendar subscribed to the current address stops updating: you
        will have to subscribe again with the new one.
      </>
    );
  }
  return (
    <>
      The current address stops working at once.{' '}
      {names.length > 0 ? (
        <>
          It has been shown to <strong>{joinNames(names)}</strong>: their
          calendar subscriptions stop updating
        </>
      ) : (
        <>Every calendar subscribed to it stops updating</>
      )}
      , and so do those of anyone they shared it with. They will have to
      subscribe again with the new address.
    </>
  );
}

/**
 * A calendar feed's address as it is: shown whole, with a copy button and a
 * `webcal:` link. Looking never changes it; making a new address is a
 * separate action, confirmed after saying whose subscriptions stop, and only
 * offered when `rotate` is given.
 *
 * @internal
 */
export function CalendarFeedDialog(props: {
  title: string;
  /** What the feed holds, e.g. "every shift of checkout-main". */
  intro: ReactNode;
  load: () => Promise<CalendarFeed>;
  rotate?: () => Promise<CalendarFeed>;
  onClose: () => void;
}) {
  const { title, intro, load, rotate, onClose } = props;
  const loaded = useAsync(load, []);
  const [rotated, setRotated] = useState<CalendarFeed>();
  const [confirming, setConfirming] = useState(false);
  const write = useWrite(() => rotate!(), {
    onSuccess: feed => {
      setRotated(feed);
      setConfirming(false);
    },
  });
  const feed = rotated ?? loaded.value;
  // Asked for as soon as the address is shown, so the confirmation has names.
  const { people } = usePeople(feed?.holders ?? []);
  const names = feed?.holders?.map(
    ref => (people.get(ref) ?? personFromRef(ref)).displayName,
  );
  const titleId = `${title
    .toLocaleLowerCase('en-US')
    .replace(/\W+/g, '-')}-dialog-title`;

  let content: ReactNode;
  if (loaded.loading) {
    content = <Progress />;
  } else if (loaded.error && !feed) {
    content = (
      <Typography color="error" role="alert" variant="body2">
        Could not read the address: {writeErrorMessage(loaded.error)}
      </Typography>
    );
  } else if (feed && confirming) {
    content = (
      <WarningPanel
        severity="warning"
        title="Make a new address?"
        defaultExpanded
      >
        <Typography variant="body2" role="alert">
          <WhoLoses names={names} />
        </Typography>
      </WarningPanel>
    );
  } else if (feed) {
    content = (
      <>
        {rotated && (
          <Box
            mb={2}
            display="flex"
            alignItems="center"
            gridGap={4}
            color="success.main"
          >
            <CheckCircleOutlineIcon fontSize="small" />
            <Typography variant="body2" role="status">
              This is the new address; the old one no longer works.
            </Typography>
          </Box>
        )}
        <TextField
          id="calendar-feed-url"
          label="iCalendar address"
          value={feed.url}
          fullWidth
          multiline
          variant="outlined"
          margin="dense"
          InputProps={{ readOnly: true }}
          onFocus={e => e.target.select()}
        />
        <Box display="flex" gridGap={8} mt={1} flexWrap="wrap">
          <CopyButton text={feed.url} />
          <Button
            size="small"
            variant="outlined"
            startIcon={<EventIcon fontSize="small" />}
            href={webcalUrl(feed.url)}
          >
            Subscribe in calendar app
          </Button>
        </Box>
        <Box mt={2}>
          <Typography variant="caption" color="textSecondary">
            The address holds a secret: share it only with people who may see
            these shifts. It stays the same until someone makes a new one.
          </Typography>
        </Box>
      </>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {intro}
        </Typography>
        {content}
        <Box mt={1}>
          <WriteError error={write.error} />
        </Box>
      </DialogContent>
      <DialogActions>
        {confirming ? (
          <>
            <Button onClick={() => setConfirming(false)}>
              Keep the address
            </Button>
            <Button
              color="secondary"
              variant="contained"
              disabled={write.busy}
              onClick={() => write.run()}
              startIcon={
                write.busy ? (
                  <CircularProgress size={16} color="inherit" />
                ) : undefined
              }
            >
              {write.busy ? 'Making a new address…' : 'Stop the old address'}
            </Button>
          </>
        ) : (
          <>
            {rotate && feed && (
              <Button onClick={() => setConfirming(true)}>
                Make a new address…
              </Button>
            )}
            <Button color="primary" variant="contained" onClick={onClose}>
              Close
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
