import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { SwapRequest } from '@reliability-hub/plugin-reliability-common';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../../api';
import { Person, personFromRef } from '../../shared/people';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';
import { viewerTime } from '../format';

function nameOf(ref: string, profiles: Map<string, Person>) {
  return (profiles.get(ref) ?? personFromRef(ref)).displayName;
}

function span(range: { start: string; end: string }) {
  return `${viewerTime(range.start)} – ${viewerTime(range.end)}`;
}

/** One request with its buttons. */
function SwapRow(props: {
  swap: SwapRequest;
  incoming: boolean;
  profiles: Map<string, Person>;
  onAnswered: (answer: 'accept' | 'decline' | 'cancel') => void;
}) {
  const { swap, incoming, profiles, onAnswered } = props;
  const api = useApi(reliabilityApiRef);
  const write = useWrite(
    (answer: 'accept' | 'decline' | 'cancel') =>
      api.answerSwap(swap.id, answer, swap.version).then(() => answer),
    { onSuccess: onAnswered },
  );
  const who = nameOf(incoming ? swap.requester : swap.recipient, profiles);
  return (
    <Box
      component="li"
      py={1}
      aria-label={`Swap request ${incoming ? 'from' : 'to'} ${who}`}
    >
      <Typography variant="body2">
        {incoming ? (
          <>
            <strong>{who}</strong> asks you to{' '}
            {swap.returnShift ? 'swap' : 'cover'} {swap.scheduleName}:{' '}
            {span(swap.shift)}
            {swap.returnShift &&
              `, covering yours ${span(swap.returnShift)} in return`}
          </>
        ) : (
          <>
            You asked <strong>{who}</strong> to{' '}
            {swap.returnShift ? 'swap' : 'cover'} {swap.scheduleName}:{' '}
            {span(swap.shift)} (waiting for an answer)
          </>
        )}
      </Typography>
      {swap.note && (
        <Typography variant="caption" color="textSecondary">
          “{swap.note}”
        </Typography>
      )}
      <Box mt={0.5}>
        {incoming ? (
          <>
            <Button
              size="small"
              color="primary"
              variant="contained"
              disabled={write.busy}
              onClick={() => write.run('accept')}
            >
              Accept
            </Button>{' '}
            <Button
              size="small"
              disabled={write.busy}
              onClick={() => write.run('decline')}
            >
              Decline
            </Button>
          </>
        ) : (
          <Button
            size="small"
            disabled={write.busy}
            onClick={() => write.run('cancel')}
          >
            Cancel request
          </Button>
        )}
      </Box>
      <WriteError error={write.error} />
    </Box>
  );
}

/**
 * Open swap requests of the signed-in user: "Swap requests for you" with
 * Accept and Decline, and their own with Cancel. Nothing when there are
 * none. `reloadKey` changes when the page asked for a new one.
 *
 * @internal
 */
export function SwapRequests(props: {
  profiles: Map<string, Person>;
  reloadKey?: number;
  onAccepted: () => void;
}) {
  const { profiles, reloadKey, onAccepted } = props;
  const api = useApi(reliabilityApiRef);
  const { value, retry } = useAsyncRetry(async () => api.listSwaps(), [api]);
  useEffect(() => {
    if (reloadKey) retry();
  }, [reloadKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const incoming = value?.incoming ?? [];
  const outgoing = value?.outgoing ?? [];
  if (!incoming.length && !outgoing.length) {
    return null;
  }
  const answered = (answer: string) => {
    retry();
    if (answer === 'accept') onAccepted();
  };
  return (
    <InfoCard title="Swap requests">
      {incoming.length > 0 && (
        <section aria-label="Swap requests for you">
          <Typography variant="subtitle2">Swap requests for you</Typography>
          <Box component="ul" m={0} pl={0} style={{ listStyle: 'none' }}>
            {incoming.map(swap => (
              <SwapRow
                key={swap.id}
                swap={swap}
                incoming
                profiles={profiles}
                onAnswered={answered}
              />
            ))}
          </Box>
        </section>
      )}
      {outgoing.length > 0 && (
        <section aria-label="Your swap requests">
          <Typography variant="subtitle2">Your swap requests</Typography>
          <Box component="ul" m={0} pl={0} style={{ listStyle: 'none' }}>
            {outgoing.map(swap => (
              <SwapRow
                key={swap.id}
                swap={swap}
                incoming={false}
                profiles={profiles}
                onAnswered={answered}
              />
            ))}
          </Box>
        </section>
      )}
    </InfoCard>
  );
}
