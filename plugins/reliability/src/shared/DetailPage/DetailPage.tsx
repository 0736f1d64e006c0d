import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import { ReactNode, useCallback, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import { DetailLoadState } from '../DetailLoadState';

type Parts<T> = (
  record: T,
  reload: () => void,
  reloading: boolean,
) => ReactNode;

/**
 * A page of one record (an incident, a postmortem, a runbook): loads it,
 * says what is wrong until it is there, then shows a link back to where such
 * records are listed, the record's `header` across the page and `children`,
 * which are grid items. Both get the record, the function that reloads it
 * after a write, and whether it is reloading (its version is then stale).
 *
 * @internal
 */
export function DetailPage<T>(props: {
  id: string;
  load: (api: ReliabilityApi, id: string) => Promise<T>;
  /** The record's kind, e.g. `incident`. */
  noun: string;
  /** Shown when the record does not exist (404). */
  missingDescription: string;
  back: (record: T) => { to: string; label: string };
  header: Parts<T>;
  children?: Parts<T>;
}) {
  const { id, noun, missingDescription, back, header, children } = props;
  const api = useApi(reliabilityApiRef);
  // The loader changes identity on every render; the record depends on the id.
  const load = useRef(props.load);
  load.current = props.load;
  const { value, loading, error, retry } = useAsyncRetry(
    () => load.current(api, id),
    [api, id],
  );
  // The record a reload was asked for is stale from that render on: the
  // load only starts in an effect after it, and a status button pressed in
  // between would send the old version and meet a conflict.
  const [stale, setStale] = useState<T>();
  const reload = useCallback(() => {
    setStale(value);
    retry();
  }, [value, retry]);
  const reloading = loading || (stale !== undefined && stale === value);

  if (!value) {
    return (
      <DetailLoadState
        loading={loading}
        error={error}
        noun={noun}
        missingDescription={missingDescription}
      />
    );
  }
  const link = back(value);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Link to={link.to}>← {link.label}</Link>
      </Grid>
      <Grid item xs={12}>
        {header(value, reload, reloading)}
      </Grid>
      {children?.(value, reload, reloading)}
    </Grid>
  );
}
