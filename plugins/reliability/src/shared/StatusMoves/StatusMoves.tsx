import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ReliabilityApi, reliabilityApiRef } from '../../api';
import { EntityPermission } from '../entityPermission';
import { useWrite } from '../useWrite';
import { WriteError } from '../WriteError';

/**
 * How records of one kind move between statuses: who may move them, where
 * each status may go, and the write that moves one (with its version).
 *
 * @internal
 */
export interface StatusMovesSpec<R, S extends string> {
  /** The update permission of the record's kind. */
  permission: EntityPermission;
  /** The moves from the record's status, the main one marked `primary`. */
  moves: (record: R) => Array<{ to: S; label: string; primary?: boolean }>;
  move: (api: ReliabilityApi, record: R, to: S) => Promise<unknown>;
}

/**
 * A row of buttons that move a record (an incident, a postmortem) to another
 * status, for those allowed to change it. A move that succeeds, or fails on
 * a stale version, reloads the record; the buttons wait while it reloads.
 *
 * @internal
 */
export function StatusMoves<
  R extends { entityRef: string },
  S extends string,
>(props: {
  spec: StatusMovesSpec<R, S>;
  record: R;
  onChanged: () => void;
  /** The record is being reloaded after a change: its version is stale. */
  reloading?: boolean;
}) {
  const { spec, record, onChanged, reloading } = props;
  const api = useApi(reliabilityApiRef);
  const { allowed } = usePermission({
    permission: spec.permission,
    resourceRef: record.entityRef,
  });
  const { busy, error, run } = useWrite((to: S) => spec.move(api, record, to), {
    onSuccess: onChanged,
    onConflict: onChanged,
  });

  if (!allowed) {
    return null;
  }
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      {spec.moves(record).map(move => (
        <Button
          key={move.to}
          variant={move.primary ? 'contained' : 'outlined'}
          color="primary"
          size="small"
          disabled={busy || reloading}
          onClick={() => run(move.to)}
        >
          {move.label}
        </Button>
      ))}
      <WriteError error={error} />
    </Box>
  );
}
