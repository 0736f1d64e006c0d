import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useWrite } from '../useWrite';

/** The permission that allows the moves: the update permission of the record's kind. */
type UpdatePermission = Extract<
  Parameters<typeof usePermission>[0],
  { resourceRef: string | undefined }
>['permission'];
import { WriteError } from '../WriteError';

/**
 * A row of buttons that move a record (an incident, a postmortem) to another
 * status, for those allowed to change it. A move that succeeds, or fails on
 * a stale version, reloads the record; the buttons wait while it reloads.
 *
 * @internal
 */
export function StatusMoves<S extends string>(props: {
  permission: UpdatePermission;
  /** The entity the record belongs to, which the permission is checked on. */
  resourceRef: string;
  moves: Array<{ to: S; label: string; primary?: boolean }>;
  move: (to: S) => Promise<unknown>;
  onChanged: () => void;
  /** The record is being reloaded after a change: its version is stale. */
  reloading?: boolean;
}) {
  const { permission, resourceRef, moves, onChanged, reloading } = props;
  const { allowed } = usePermission({ permission, resourceRef });
  const { busy, error, run } = useWrite(props.move, {
    onSuccess: onChanged,
    onConflict: onChanged,
  });

  if (!allowed) {
    return null;
  }
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      {moves.map(move => (
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
