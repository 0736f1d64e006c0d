import {
  formatBudgetPercent,
  formatBurnRate,
  formatMinutes,
  formatSli,
  formatTarget,
  formatThreshold,
  formatTimeWindow,
  periodSeconds,
} from './format';
import { makeSloStatus } from '../__testUtils__';

describe('SLO figures in words', () => {
  it.each([
    [0.999, '99.9 %'],
    [0.99, '99 %'],
    [0.9995, '99.95 %'],
    [0.95, '95 %'],
  ])('writes the objective %p as %p', (target, text) => {
    expect(formatTarget(target)).toBe(text);
  });

  it.each([
    [0.9987, 0.999, '99.87 %'],
    [0.998, 0.99, '99.80 %'],
    [0.99951, 0.9995, '99.951 %'],
    [null, 0.999, '–'],
  ])('writes the SLI %p against %p as %p', (sli, target, text) => {
    expect(formatSli(sli, target)).toBe(text);
  });

  it.each([
    [0.8, '80 %'],
    [-0.3, '−30 %'],
    [0, '0 %'],
    [null, '–'],
  ])('writes the budget share %p as %p', (fraction, text) => {
    expect(formatBudgetPercent(fraction)).toBe(text);
  });

  it.each([
    [40.32, '40 min'],
    [322.56, '5 h 23 min'],
    [-12.1, '12 min'],
    [3000, '2 d 2 h'],
    [0.5, '30 s'],
  ])('writes %p minutes as %p', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });

  it.each([
    [15.2, '15.2×'],
    [16, '16×'],
    [0.25, '0.25×'],
    [13.44, '13.4×'],
    [250, '250×'],
    [null, '–'],
  ])('writes the burn rate %p as %p', (rate, text) => {
    expect(formatBurnRate(rate)).toBe(text);
  });

  it('says when a threshold SLI is good, per slice or per data point', () => {
    expect(formatThreshold(makeSloStatus())).toBeUndefined();
    expect(
      formatThreshold(
        makeSloStatus({
          timeSliceWindowSeconds: 300,
          threshold: { op: 'lt', value: 0.5 },
        }),
      ),
    ).toBe('good when the value is < 0.5 per 5-minute slice');
    expect(
      formatThreshold(
        makeSloStatus({
          budgetingMethod: 'Occurrences',
          threshold: { op: 'gte', value: 99 },
        }),
      ),
    ).toBe('good when the value is ≥ 99 per data point');
  });

  it('names rolling and calendar windows', () => {
    expect(formatTimeWindow(makeSloStatus())).toBe('28 days, rolling');
    expect(
      formatTimeWindow(
        makeSloStatus({
          timeWindow: { duration: '1M', rolling: false, timeZone: 'UTC' },
        }),
      ),
    ).toBe('1 month, calendar (UTC)');
  });

  it('takes the period from the evaluated window, else from the duration', () => {
    expect(periodSeconds(makeSloStatus())).toBe(28 * 86400);
    expect(
      periodSeconds(
        makeSloStatus({
          window: null,
          timeWindow: { duration: '30d', rolling: true },
        }),
      ),
    ).toBe(30 * 86400);
  });
});
