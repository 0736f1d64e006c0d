import { mockServices } from '@backstage/backend-test-utils';
import { SchedulerService } from '@backstage/backend-plugin-api';
import { retryWhileCatalogEmpty } from './retryWhileCatalogEmpty';

describe('retryWhileCatalogEmpty', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup() {
    let clock = 0;
    const scheduler = {
      triggerTask: jest.fn(async () => {}),
    } as unknown as jest.Mocked<SchedulerService>;
    const retry = retryWhileCatalogEmpty({
      scheduler,
      taskId: 'task',
      logger: mockServices.logger.mock(),
      now: () => clock,
    });
    return { scheduler, retry, advance: (ms: number) => (clock += ms) };
  }

  it('triggers the task again after 15 seconds', () => {
    const { scheduler, retry } = setup();
    retry();
    jest.advanceTimersByTime(14_999);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(scheduler.triggerTask).toHaveBeenCalledWith('task');
  });

  it('stops retrying ten minutes after start', () => {
    const { scheduler, retry, advance } = setup();
    advance(10 * 60_000 + 1);
    retry();
    jest.advanceTimersByTime(60_000);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
  });
});
