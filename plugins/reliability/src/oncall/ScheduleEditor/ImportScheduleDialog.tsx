import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ScheduleRecord } from '@reliability-hub/plugin-reliability-common';
import { ChangeEvent, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { FormTextField } from '../../shared/FormTextField';
import { useWrite } from '../../shared/useWrite';
import { WriteDialog } from '../../shared/WriteDialog';

/** Larger files are refused by the backend anyway. */
const MAX_BYTES = 1_000_000;

/**
 * Imports a schedule's YAML document (as "Export YAML" writes it): creates
 * the schedule, or replaces the one of that name in its owner group.
 *
 * @internal
 */
export function ImportScheduleDialog(props: {
  onClose: () => void;
  onImported: (record: ScheduleRecord) => void;
}) {
  const { onClose, onImported } = props;
  const api = useApi(reliabilityApiRef);
  const [yaml, setYaml] = useState('');
  const [fileProblem, setFileProblem] = useState<string>();
  const write = useWrite(() => api.importSchedule(yaml), {
    onSuccess: onImported,
  });
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileProblem(undefined);
    if (!file) {
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileProblem(`${file.name} is larger than 1 MB`);
      return;
    }
    setYaml(await file.text());
  };
  return (
    <WriteDialog
      title="Import a schedule from YAML"
      formLabel="Import schedule"
      write={write}
      submitLabel="Import"
      busyLabel="Importing…"
      canSubmit={yaml.trim() !== ''}
      onClose={onClose}
    >
      <Typography variant="body2" color="textSecondary" gutterBottom>
        A document as "Export YAML" writes it (kind: Schedule). A schedule of
        the same name in the same owner group is replaced; only members of the
        owner group may import it.
      </Typography>
      <Box my={1}>
        <Button variant="outlined" size="small" component="label">
          Choose a file…
          <input
            hidden
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            aria-label="YAML file"
            onChange={readFile}
          />
        </Button>
      </Box>
      <FormTextField
        id="import-schedule-yaml"
        label="Schedule YAML"
        multiline
        minRows={8}
        maxRows={20}
        value={yaml}
        onChange={e => setYaml(e.target.value)}
        error={Boolean(fileProblem)}
        helperText={fileProblem ?? 'Or paste the document here'}
        inputProps={{ style: { fontFamily: 'monospace', fontSize: 13 } }}
      />
    </WriteDialog>
  );
}
