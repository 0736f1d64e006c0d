import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Incident } from '@reliability-hub/plugin-reliability-common';
import { durationText, startedText } from '../incidentTimes';
import { IncidentClockChip } from '../IncidentClockChip';
import { IncidentStatusChip } from '../IncidentStatusChip';
import { DrillChip, SeverityChip } from '../SeverityChip';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;
const SUMMARY_CLAMP = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
} as const;

/**
 * The incident table's columns; `incidentLink` gives each title's target.
 */
export function incidentColumns(
  showEntity: boolean,
  incidentLink: (incident: Incident) => string,
): TableColumn<Incident>[] {
  const result: TableColumn<Incident>[] = [
    {
      title: 'Severity',
      field: 'severity',
      width: '8%',
      render: incident => (
        <Box
          display="flex"
          flexDirection="column"
          alignItems="flex-start"
          gridGap={4}
        >
          <SeverityChip severity={incident.severity} />
          <DrillChip drill={incident.drill} />
        </Box>
      ),
    },
    {
      title: 'Incident',
      field: 'title',
      width: showEntity ? '34%' : '44%',
      render: incident => (
        // A floor for the width: the table lays out automatically and would
        // otherwise squeeze the text column to make room for the others.
        <div style={{ minWidth: 240 }}>
          <Typography variant="body2" style={{ fontWeight: 500 }}>
            <Link to={incidentLink(incident)}>{incident.title}</Link>
          </Typography>
          {incident.humanId && (
            <Typography variant="caption" color="textSecondary" component="div">
              {incident.humanId}
            </Typography>
          )}
          {incident.summary && (
            <Typography
              variant="caption"
              color="textSecondary"
              title={incident.summary}
              style={SUMMARY_CLAMP}
            >
              {incident.summary}
            </Typography>
          )}
        </div>
      ),
    },
  ];
  if (showEntity) {
    result.push({
      title: 'Component',
      field: 'entityRef',
      width: '12%',
      render: incident => (
        <EntityRefLink entityRef={incident.entityRef} defaultKind="component" />
      ),
    });
  }
  result.push(
    {
      title: 'Status',
      field: 'status',
      width: '11%',
      cellStyle: NO_WRAP,
      render: incident => (
        <Box
          display="flex"
          flexDirection="column"
          alignItems="flex-start"
          gridGap={4}
        >
          <IncidentStatusChip status={incident.status} />
          <IncidentClockChip incident={incident} />
        </Box>
      ),
    },
    {
      title: 'Started',
      field: 'startedAt',
      width: '14%',
      render: incident => {
        const started = startedText(incident);
        return (
          <>
            <Tooltip title={started.exact}>
              <Typography variant="body2">{started.relative}</Typography>
            </Tooltip>
            <Typography variant="caption" color="textSecondary">
              {incident.resolvedAt ? 'lasted' : 'ongoing,'}{' '}
              {durationText(incident)}
            </Typography>
          </>
        );
      },
    },
    {
      title: 'Commander',
      field: 'commander',
      width: '13%',
      render: incident =>
        incident.commander ? (
          <EntityRefLink entityRef={incident.commander} defaultKind="user" />
        ) : (
          '–'
        ),
    },
  );
  return result;
}
