import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  DEFAULT_INCIDENT_TEMPLATES,
  INCIDENT_TEMPLATE_LABELS,
  INCIDENT_TEMPLATE_NAMES,
  IncidentDetail,
  IncidentStatusUpdate,
  IncidentTemplateName,
  incidentTemplateValues,
  markdownToMessageText,
  renderIncidentTemplate,
} from '@reliability-hub/plugin-reliability-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { CopyButton } from '../../runbooks/CopyButton';
import { useIncidentClocks } from '../useIncidentClocks';

/** The latest status update posted on the timeline, if any. */
function latestUpdate(incident: IncidentDetail): IncidentStatusUpdate | null {
  const events = incident.timeline.filter(e => e.type === 'status_update');
  const last = events[events.length - 1];
  return last?.data ? (last.data as unknown as IncidentStatusUpdate) : null;
}

/**
 * The communication templates (initial report, status update, resolution
 * notice, executive brief, status page message, escalation) filled from the
 * incident and its latest status update, to copy as Markdown or plain text.
 *
 * @internal
 */
export function IncidentCommunication(props: { incident: IncidentDetail }) {
  const { incident } = props;
  const api = useApi(reliabilityApiRef);
  const { value: templates, loading } = useAsync(
    async () => api.getIncidentTemplates(),
    [api],
  );
  const update = latestUpdate(incident);
  const [chosen, setChosen] = useState<IncidentTemplateName>(
    update ? 'statusUpdate' : 'initialReport',
  );
  const nextUpdate = useIncidentClocks(incident, 60_000).find(
    c => c.kind === 'update',
  );
  const markdown = useMemo(
    () =>
      renderIncidentTemplate(
        (templates ?? DEFAULT_INCIDENT_TEMPLATES)[chosen],
        incidentTemplateValues(incident, {
          update,
          link: window.location.href,
          nextUpdateAt: nextUpdate?.dueAt,
        }),
      ),
    [templates, chosen, incident, update, nextUpdate?.dueAt],
  );
  return (
    <InfoCard
      title="Communicate"
      subheader="The procedures' templates, filled from this incident"
    >
      {loading ? (
        <Progress />
      ) : (
        <>
          <TextField
            select
            id={`incident-template-${incident.id}`}
            label="Template"
            variant="outlined"
            size="small"
            fullWidth
            value={chosen}
            onChange={e => setChosen(e.target.value as IncidentTemplateName)}
          >
            {INCIDENT_TEMPLATE_NAMES.map(name => (
              <MenuItem key={name} value={name}>
                {INCIDENT_TEMPLATE_LABELS[name]}
              </MenuItem>
            ))}
          </TextField>
          <Box
            mt={1.5}
            p={1.5}
            border={1}
            borderColor="divider"
            borderRadius={4}
            aria-label="Message preview"
          >
            <Typography
              variant="body2"
              component="pre"
              style={{
                whiteSpace: 'pre-wrap',
                fontFamily: 'inherit',
                margin: 0,
              }}
            >
              {markdown}
            </Typography>
          </Box>
          <Box mt={1.5} display="flex" gridGap={8} flexWrap="wrap">
            <CopyButton text={markdown} label="Copy Markdown" />
            <CopyButton
              text={markdownToMessageText(markdown)}
              label="Copy plain text"
            />
          </Box>
        </>
      )}
    </InfoCard>
  );
}
