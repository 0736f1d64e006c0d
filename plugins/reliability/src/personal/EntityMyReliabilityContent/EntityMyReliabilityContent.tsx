import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import {
  SloStatus,
  TimeRange,
} from '@reliability-hub/plugin-reliability-common';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { ActionItemsTable } from '../../actionItems/ActionItemsTable';
import { MyShifts } from '../../oncall/MyShifts';
import { ListTable } from '../../shared/ListTable';
import { BudgetBar } from '../../slo/BudgetBar';
import { useSloLink } from '../../slo/links';
import { worstSlos } from '../../rollup/worstSlos';

/** How far ahead the shifts look. */
const DAYS_AHEAD = 14;
/** Action items shown; the organisation's page lists them all. */
const ITEM_LIMIT = 50;

/**
 * The "My reliability" tab of a user's page: the user's shifts in the next
 * two weeks, the open action items they or their groups own (overdue first), and the SLOs of the
 * components their groups own, least budget left first.
 *
 * @internal
 */
export function EntityMyReliabilityContent() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const sloLink = useSloLink();
  const userRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const groups = useMemo(
    () =>
      (entity.relations ?? [])
        .filter(relation => relation.type === RELATION_MEMBER_OF)
        .map(relation => relation.targetRef),
    [entity],
  );
  const range: TimeRange = useMemo(() => {
    const start = DateTime.now().startOf('day');
    return {
      start: start.toUTC().toISO()!,
      end: start.plus({ days: DAYS_AHEAD }).toUTC().toISO()!,
    };
  }, []);
  const state = useAsync(async () => {
    const [schedules, items, ...overviews] = await Promise.all([
      api.listSchedules(),
      api.listActionItems({
        owner: [userRef, ...groups],
        status: 'open',
        limit: ITEM_LIMIT,
      }),
      ...groups.map(owner => api.getSloOverview({ owner })),
    ]);
    const slos = worstSlos(
      overviews.flatMap(overview => overview.items),
      Number.MAX_SAFE_INTEGER,
    );
    // Overdue first, then by due date, as the cards list them.
    const open = [...items.items].sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
    );
    return { schedules, open, slos };
  }, [api, userRef, groups]);

  if (state.loading) {
    return <Progress />;
  }
  if (state.error || !state.value) {
    return (
      <ResponseErrorPanel
        error={state.error ?? new Error('Nothing loaded')}
        title="Could not load your reliability"
      />
    );
  }
  const { schedules, open, slos } = state.value;
  const overdue = open.filter(item => item.overdue).length;
  const sloColumns: TableColumn<SloStatus>[] = [
    {
      title: 'SLO',
      render: slo => (
        <Link to={sloLink(slo.entityRef, slo.id)}>{slo.displayName}</Link>
      ),
    },
    {
      title: 'Component',
      render: slo => <EntityRefLink entityRef={slo.entityRef} hideIcon />,
    },
    {
      title: 'Error budget left',
      render: slo => (
        <Box minWidth={200}>
          <BudgetBar slo={slo} label="percent" />
        </Box>
      ),
    },
  ];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title="Shifts" subheader={`in the next ${DAYS_AHEAD} days`}>
          <MyShifts
            userRef={userRef}
            schedules={schedules}
            range={range}
            rangeText={`in the next ${DAYS_AHEAD} days`}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ListTable<SloStatus>
          title="SLOs of my teams' components"
          columns={sloColumns}
          data={slos}
          emptyMessage={
            groups.length
              ? "None of your teams' components defines SLOs yet."
              : 'You are in no team: SLOs are shown for the components your teams own.'
          }
        />
      </Grid>
      <Grid item xs={12}>
        <ActionItemsTable
          title={`Open action items of mine and my teams${
            overdue ? ` (${overdue} overdue)` : ''
          }`}
          items={open}
          showContext
          emptyMessage="No open action items. Nothing owed."
        />
      </Grid>
    </Grid>
  );
}
