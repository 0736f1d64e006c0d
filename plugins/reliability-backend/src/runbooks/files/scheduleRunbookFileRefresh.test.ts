import { mockServices } from '@backstage/backend-test-utils';
import { SchedulerService } from '@backstage/backend-plugin-api';
import { RunbookFileRefresher } from './RunbookFileRefresher';
import { scheduleRunbookFileRefresh } from './scheduleRunbookFileRefresh';

const summary = (entities: number) => ({
  entities,
  unchanged: 0,
  parsedFiles: 0,
  runbooks: 0,
  problems: 0,
  removed: 0,
  failed: 0,
});

async function scheduled(found: number[]) {
  let task: (() => Promise<void>) | undefined;
  const scheduler = {
    scheduleTask: jest.fn(async (t: any) => {
      task = t.fn;
    }),
    triggerTask: jest.fn(async () => {}),
  } as unknown as jest.Mocked<SchedulerService>;
  const refresher = {
    refreshAll: jest.fn(async () => summary(found.shift() ?? 0)),
  } as unknown as RunbookFileRefresher;
  await scheduleRunbookFileRefresh({
    scheduler,
    refresher,
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return { scheduler, run: () => task!() };
}

describe('scheduleRunbookFileRefresh', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once across replicas, soon after start', async () => {
    const { scheduler } = await scheduled([]);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'reliability-runbooks-refresh',
        scope: 'global',
        frequency: { minutes: 10 },
      }),
    );
  });

  it('tries again soon while the catalog has no entity with runbooks yet', async () => {
    const { scheduler, run } = await scheduled([0, 6]);
    await run();
    jest.advanceTimersByTime(15_000);
    expect(scheduler.triggerTask).toHaveBeenCalledWith(
      'reliability-runbooks-refresh',
    );

    scheduler.triggerTask.mockClear();
    await run();
    jest.advanceTimersByTime(60_000);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
  });
});
