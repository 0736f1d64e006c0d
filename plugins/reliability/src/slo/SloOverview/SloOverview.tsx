import { Link, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_OPENSLO,
  SloEvaluationState,
  SloStatus,
} from '@reliability-hub/plugin-reliability-common';
import type { SloOverviewRequest } from '@reliability-hub/plugin-reliability-common';
import { useMemo, useState } from 'react';
import { reliabilityApiRef } from '../../api';
import { PagedTable } from '../../shared/PagedTable';
import { PeoplePicker } from '../../shared/PeoplePicker';
import { OWNER_KINDS } from '../../shared/people';
import { relativeTime } from '../../shared/time';
import { usePagedList } from '../../shared/usePagedList';
import { AlertStateChip } from '../AlertStateChip';
import { BudgetBar } from '../BudgetBar';
import { formatBurnRate, formatSli, formatTarget } from '../format';
import { useSloLink } from '../links';
import { tierColor } from '../tierColors';

/** SLOs per page: the backend answers at most 100. */
const PAGE_SIZE = 50;

/** The filters of the page; the page itself is the list's. */
type SloFilter = Omit<SloOverviewRequest, 'limit' | 'cursor'>;

const STATES: Array<{ value: SloEvaluationState; label: string }> = [
  { value: 'ok', label: 'Evaluated' },
  { value: 'no-data', label: 'No data' },
  { value: 'source-unavailable', label: 'Source unavailable' },
  { value: 'pending', label: 'Not evaluated yet' },
];

const STATE_TEXT: Record<SloEvaluationState, string> = {
  ok: '',
  'no-data': 'No data in the window',
  'source-unavailable': 'SLI source unavailable',
  pending: 'Not evaluated yet',
};

function columns(
  sloLink: (entityRef: string, sloId?: string) => string,
): TableColumn<SloStatus>[] {
  return [
    {
      title: 'SLO',
      cellStyle: { minWidth: 220 },
      render: slo => (
        <>
          <Link to={sloLink(slo.entityRef, slo.id)}>
            <strong>{slo.displayName}</strong>
          </Link>
          <Typography variant="caption" component="div" color="textSecondary">
            <EntityRefLink entityRef={slo.entityRef} hideIcon />
            {slo.owner && (
              <>
                {' · '}
                <EntityRefLink entityRef={slo.owner} hideIcon />
              </>
            )}
          </Typography>
        </>
      ),
    },
    {
      title: 'Budget left',
      width: '18%',
      render: slo =>
        slo.state === 'ok' ? (
          <BudgetBar slo={slo} label="percent" />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {STATE_TEXT[slo.state]}
          </Typography>
        ),
    },
    {
      title: 'SLI / objective',
      cellStyle: { whiteSpace: 'nowrap' },
      render: slo =>
        `${
          slo.state === 'ok' ? formatSli(slo.sli, slo.target) : '–'
        } / ${formatTarget(slo.target)}`,
    },
    {
      title: 'Burn (1h)',
      render: slo =>
        slo.state === 'ok' ? formatBurnRate(slo.burnRates['1h']) : '–',
    },
    {
      title: 'Alert',
      render: slo => (slo.state === 'ok' ? <AlertStateChip slo={slo} /> : '–'),
    },
    {
      title: 'Policy tier',
      render: slo =>
        slo.state === 'ok' && slo.tier ? (
          <Typography
            variant="body2"
            style={{
              color: tierColor(slo.tier.index),
              fontWeight: 600,
              minWidth: 150,
            }}
          >
            {slo.tier.name}
          </Typography>
        ) : (
          '–'
        ),
    },
    {
      title: 'Data as of',
      render: slo => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {relativeTime(slo.evaluatedAt)}
        </span>
      ),
    },
  ];
}

function Stat(props: { label: string; value?: number; color?: string }) {
  return (
    <Paper variant="outlined" style={{ padding: '12px 16px', height: '100%' }}>
      <Typography
        variant="h4"
        component="div"
        style={{ color: props.color, fontWeight: 600 }}
      >
        {props.value ?? '–'}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
    </Paper>
  );
}

function FilterSelect(props: {
  label: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value?: string) => void;
}) {
  return (
    <TextField
      select
      id={`slo-filter-${props.label
        .toLocaleLowerCase('en-US')
        .replace(/\W+/g, '-')}`}
      fullWidth
      variant="outlined"
      size="small"
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value || undefined)}
    >
      <MenuItem value="">All</MenuItem>
      {props.options.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** `group:default/team-checkout` → `team-checkout`. */
function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:(default\/)?/, '');
}

/**
 * The SLOs tab of the reliability page: every SLO the user may see worst
 * first (least budget left), a page at a time from the backend, with counts
 * of all that match (paging, ticketing, out of budget), filtered by owner,
 * system, policy tier and state.
 *
 * @internal
 */
export function SloOverview() {
  const api = useApi(reliabilityApiRef);
  const sloLink = useSloLink();
  const [filter, setFilter] = useState<SloFilter>({});
  const list = usePagedList(
    cursor => api.getSloOverview({ ...filter, limit: PAGE_SIZE, cursor }),
    [api, filter],
  );
  const overview = list.lastPage;
  const counts = overview?.counts;
  // The chosen system stays a choice while its answer loads.
  const systems = useMemo(
    () =>
      [
        ...new Set([
          ...(overview?.systems ?? []),
          ...(filter.system ? [filter.system] : []),
        ]),
      ].sort(),
    [overview, filter.system],
  );
  const cols = useMemo(() => columns(sloLink), [sloLink]);
  const set = (key: keyof SloFilter) => (v?: string) =>
    setFilter(previous => ({ ...previous, [key]: v }));
  const filtered = Object.values(filter).some(Boolean);

  const filters = (
    <Box my={2}>
      <Grid container spacing={2} aria-label="SLO filters" role="search">
        <Grid item xs={6} md={3}>
          <PeoplePicker
            id="slo-filter-owner"
            label="Owner"
            kinds={OWNER_KINDS}
            variant="outlined"
            margin="none"
            value={filter.owner ?? null}
            onChange={owner => set('owner')(owner ?? undefined)}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <FilterSelect
            label="System"
            value={filter.system}
            options={systems.map(o => ({
              value: o,
              label: shortRef(o),
            }))}
            onChange={set('system')}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <FilterSelect
            label="Policy tier"
            value={filter.tier}
            options={(overview?.tiers ?? []).map(t => ({
              value: t.name,
              label: t.name,
            }))}
            onChange={set('tier')}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <FilterSelect
            label="State"
            value={filter.state}
            options={STATES}
            onChange={v => set('state')(v as SloEvaluationState | undefined)}
          />
        </Grid>
      </Grid>
    </Box>
  );

  return (
    <>
      <Grid container spacing={2}>
        <Grid item xs={6} md={3}>
          <Stat label="SLOs" value={counts?.slos} />
        </Grid>
        <Grid item xs={6} md={3}>
          <Stat label="Paging now" value={counts?.paging} color="#d32f2f" />
        </Grid>
        <Grid item xs={6} md={3}>
          <Stat
            label="Ticket alerts"
            value={counts?.ticketing}
            color="#ef6c00"
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Stat
            label="Out of budget"
            value={counts?.outOfBudget}
            color="#7f0000"
          />
        </Grid>
      </Grid>
      <PagedTable<SloStatus>
        title={
          overview && overview.totalItems > list.rows.length
            ? `All SLOs, worst first (${list.rows.length} of ${overview.totalItems})`
            : 'All SLOs, worst first'
        }
        columns={cols}
        list={list}
        noun="SLOs"
        failedTitle="Could not load SLOs"
        filters={filters}
        emptyMessage={
          filtered ? (
            'No SLOs match these filters.'
          ) : (
            <>
              No SLOs yet. Add the <code>{ANNOTATION_OPENSLO}</code> annotation
              to a component, pointing at its OpenSLO file.
            </>
          )
        }
      />
    </>
  );
}
