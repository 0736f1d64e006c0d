import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  reliabilityScheduleCreatePermission,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { FormEvent, ReactNode, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { downloadText } from '../../review/download';
import { FormActions } from '../../shared/FormActions';
import { FormTextField } from '../../shared/FormTextField';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { useSignedInUser } from '../../shared/people';
import { useWrite } from '../../shared/useWrite';
import { WriteError } from '../../shared/WriteError';
import {
  draftErrors,
  draftOf,
  emptyDraft,
  FieldErrors,
  newLayer,
  requestOf,
  ScheduleDraft,
  serverFieldErrors,
  updateRequestOf,
} from './draft';
import { EscalationFields } from './EscalationFields';
import { LayerFields } from './LayerFields';
import { SchedulePreview } from './SchedulePreview';
import { TimeZoneField } from './TimeZoneField';

function Section(props: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Box component="section" mt={3} aria-label={props.title}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      {props.hint && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {props.hint}
        </Typography>
      )}
      {props.children}
    </Box>
  );
}

/** `layers[1].handoff.time` as a user reads it: "layer 2 hand-off time". */
function fieldInWords(field: string): string {
  return field
    .replace(/layers\[(\d+)\]/, (_, i) => `layer ${Number(i) + 1}`)
    .replace(/restrictions\[(\d+)\]/, (_, i) => `window ${Number(i) + 1}`)
    .replace(
      /escalationPolicy\.levels\[(\d+)\]/,
      (_, i) => `level ${Number(i) + 1}`,
    )
    .replace(/\[\d+\]/g, '')
    .replace(/\./g, ' ');
}

/**
 * Creates or edits a schedule: its name, owner group and zone, its layers
 * (participants picked from the catalog, rotation, hand-off, start, windows
 * in their own zones) and escalation policy, with the next four weeks drawn
 * as it would be saved. Each field says what is wrong with it, by the rules
 * the backend applies; a message the backend answers is shown beside its
 * field too. Saves at the version the user saw.
 *
 * @internal
 */
export function ScheduleEditorDialog(props: {
  /** The schedule to edit; a new one when absent. */
  record?: ScheduleRecord;
  onClose: () => void;
  onSaved: (record: ScheduleRecord) => void;
}) {
  const { record, onClose, onSaved } = props;
  const api = useApi(reliabilityApiRef);
  const me = useSignedInUser();
  const myGroup =
    me.ownershipRefs?.find(ref => ref.startsWith('group:')) ?? null;
  const [edited, setDraft] = useState<ScheduleDraft>();
  const initial = useMemo(
    () => (record ? draftOf(record) : emptyDraft(myGroup)),
    [record, myGroup],
  );
  const draft = edited ?? initial;
  // A new schedule's blank fields are not wrong until the user tries to save.
  const [showAll, setShowAll] = useState(Boolean(record));
  const change = (next: Partial<ScheduleDraft>) =>
    setDraft({ ...draft, ...next });

  const errors = useMemo(() => draftErrors(draft), [draft]);
  const others = useAsync(() => api.listSchedules(), [api]);
  const { allowed: mayCreate, loading: asking } = usePermission({
    permission: reliabilityScheduleCreatePermission,
    resourceRef: draft.ownerRef ?? undefined,
  });

  const sent = useRef<ScheduleDraft>();
  const write = useWrite(
    () => {
      sent.current = draft;
      return record
        ? api.updateSchedule(record.id, updateRequestOf(draft, record))
        : api.createSchedule(requestOf(draft));
    },
    { onSuccess: onSaved },
  );
  // The backend's own messages, beside their fields until the draft changes.
  const fromServer: FieldErrors =
    write.error && sent.current === draft ? serverFieldErrors(write.error) : {};
  const ownerProblem =
    draft.ownerRef && !record && !asking && !mayCreate
      ? `Only members of ${draft.ownerRef} may create its schedules`
      : undefined;
  const shown: FieldErrors = {
    ...(showAll ? errors : {}),
    ...(ownerProblem ? { ownerRef: ownerProblem } : {}),
    ...fromServer,
  };
  const problemCount = Object.keys(errors).length;
  const layerProblem = Object.entries(errors).find(
    ([field]) => field.startsWith('layers') || field === 'timeZone',
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowAll(true);
    if (problemCount === 0 && !write.busy) {
      write.run();
    }
  };
  const setLayers = (layers: ScheduleDraft['layers']) => change({ layers });
  const move = (from: number, to: number) => {
    const layers = [...draft.layers];
    const [layer] = layers.splice(from, 1);
    layers.splice(to, 0, layer);
    setLayers(layers);
  };
  const exporting = useWrite(async () => {
    if (record) {
      downloadText(
        `${record.name}.schedule.yaml`,
        'application/yaml',
        await api.exportSchedule(record.id),
      );
    }
  });
  const scheduleNames = Array.from(
    new Set([
      draft.name.trim() || record?.name || 'this schedule',
      ...(others.value ?? []).filter(s => s.id !== record?.id).map(s => s.name),
    ]),
  );
  const title = record ? `Edit ${record.name}` : 'New on-call schedule';

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="lg"
      aria-labelledby="schedule-editor-title"
    >
      <form onSubmit={submit} aria-label={title} noValidate>
        <DialogTitle id="schedule-editor-title">{title}</DialogTitle>
        <DialogContent dividers>
          <Grid container spacing={2}>
            <Grid item xs={12} sm={6} md={3}>
              <FormTextField
                id="schedule-editor-name"
                label="Schedule name"
                value={draft.name}
                onChange={e => change({ name: e.target.value })}
                error={Boolean(shown.name)}
                helperText={shown.name ?? 'Unique within the owner group'}
                required
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <PeoplePicker
                id="schedule-editor-owner"
                label="Owner group"
                kinds={['Group']}
                value={draft.ownerRef}
                onChange={ownerRef => change({ ownerRef })}
                required
                helperText={shown.ownerRef ?? 'Its members may edit it'}
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <TimeZoneField
                id="schedule-editor-zone"
                label="Time zone of hand-offs"
                value={draft.timeZone}
                onChange={timeZone => change({ timeZone })}
                error={shown.timeZone}
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <FormTextField
                id="schedule-editor-description"
                label="Description"
                value={draft.description}
                onChange={e => change({ description: e.target.value })}
              />
            </Grid>
          </Grid>

          <Section
            title="Preview: the next 4 weeks"
            hint="As it will be saved, with the schedule's overrides; the same timeline as the On-call page."
          >
            <SchedulePreview
              draft={draft}
              record={record}
              problem={
                layerProblem
                  ? `${fieldInWords(layerProblem[0])} ${layerProblem[1]}`
                  : undefined
              }
            />
          </Section>

          <Section
            title="Layers"
            hint="People take turns within a layer. A later layer wins wherever it has someone on call; restrict one to windows for follow-the-sun."
          >
            {shown.layers && (
              <Typography variant="body2" color="error">
                {shown.layers}
              </Typography>
            )}
            <Box display="flex" flexDirection="column" gridGap={12}>
              {draft.layers.map((layer, i) => (
                <LayerFields
                  key={i}
                  index={i}
                  count={draft.layers.length}
                  layer={layer}
                  zone={draft.timeZone}
                  errors={shown}
                  onChange={next =>
                    setLayers(draft.layers.map((l, j) => (j === i ? next : l)))
                  }
                  onMove={by => move(i, i + by)}
                  onRemove={() =>
                    setLayers(draft.layers.filter((_, j) => j !== i))
                  }
                />
              ))}
            </Box>
            <Box mt={1}>
              <Button
                size="small"
                variant="outlined"
                color="primary"
                startIcon={<AddIcon />}
                onClick={() =>
                  setLayers([
                    ...draft.layers,
                    newLayer(draft.layers.length, draft.timeZone),
                  ])
                }
              >
                Add a layer
              </Button>
            </Box>
          </Section>

          <Section
            title="Escalation policy"
            hint="Who is paged when nobody acknowledges, level after level."
          >
            <EscalationFields
              levels={draft.escalation}
              repeat={draft.repeat}
              scheduleNames={scheduleNames}
              errors={shown}
              onChange={(escalation, repeat) => change({ escalation, repeat })}
            />
          </Section>
        </DialogContent>
        <Box px={3} pt={1}>
          <WriteError error={write.error ?? exporting.error} />
          {showAll && problemCount > 0 && (
            <Typography variant="body2" color="error" role="alert">
              {problemCount === 1
                ? 'One field needs fixing'
                : `${problemCount} fields need fixing`}
              : see the messages in red.
            </Typography>
          )}
        </Box>
        <Box display="flex" alignItems="center" px={1}>
          {record && (
            <Button
              startIcon={<GetAppIcon />}
              disabled={exporting.busy}
              onClick={() => exporting.run()}
            >
              Export YAML
            </Button>
          )}
          <Box flexGrow={1}>
            <FormActions
              submitLabel={record ? 'Save schedule' : 'Create schedule'}
              busyLabel="Saving…"
              busy={write.busy}
              onCancel={onClose}
            />
          </Box>
        </Box>
      </form>
    </Dialog>
  );
}
