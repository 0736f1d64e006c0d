import { StoredSliSample } from '../slo/store/SloStore';

/** Length of a demo bucket: one sample every 5 minutes. */
export const DEMO_BUCKET_SECONDS = 5 * 60;

/** How far back the demo samples go. */
export const DEMO_SAMPLE_DAYS = 30;

/**
 * A stretch of elevated errors, relative to now.
 *
 * @internal
 */
export interface DemoBurn {
  /** Hours before now the stretch starts. */
  startHoursAgo: number;
  /** How long it lasts, in minutes (until now when it reaches now). */
  minutes: number;
  /** Share of events that fail during the stretch. */
  errorRatio: number;
}

/**
 * How the demo generates the samples of one push SLO.
 *
 * @internal
 */
export interface DemoSloSeries {
  entityRef: string;
  sloName: string;
  /** Events per 5 minutes at the daily peak. */
  peakEvents: number;
  /** Share of events that fail outside the burns. */
  baseErrorRatio: number;
  burns: DemoBurn[];
  /**
   * A threshold SLI: the samples carry a p95 latency (seconds) instead of
   * counts, about `baseSeconds` normally and `burnSeconds` during the burns.
   */
  latency?: { baseSeconds: number; burnSeconds: number };
}

/**
 * The Acme Shop SLOs fed by the push source, tuned so the policy tiers and
 * alert states differ across components: checkout spent more than half its
 * budget in a payment-provider incident nine days ago (deployment
 * slowdown), catalog search has been burning slowly since yesterday (a
 * ticket alert is firing), payments and ledger are healthy.
 *
 * @internal
 */
export const DEMO_SLO_SERIES: readonly DemoSloSeries[] = [
  {
    entityRef: 'component:default/checkout',
    sloName: 'checkout-availability',
    peakEvents: 6_000,
    baseErrorRatio: 0.00018,
    burns: [
      { startHoursAgo: 9 * 24 + 5, minutes: 100, errorRatio: 0.085 },
      { startHoursAgo: 3 * 24 + 2, minutes: 25, errorRatio: 0.03 },
    ],
  },
  {
    entityRef: 'component:default/checkout',
    sloName: 'checkout-latency',
    peakEvents: 6_000,
    baseErrorRatio: 0.012,
    // A slow database migration two days ago: an hour of slow slices.
    burns: [{ startHoursAgo: 2 * 24 + 4, minutes: 60, errorRatio: 0.2 }],
  },
  {
    entityRef: 'component:default/checkout',
    sloName: 'checkout-latency-p95',
    peakEvents: 6_000,
    baseErrorRatio: 0,
    // The same slow migration, seen as p95 above 500 ms for an hour.
    burns: [{ startHoursAgo: 2 * 24 + 4, minutes: 60, errorRatio: 0.2 }],
    latency: { baseSeconds: 0.32, burnSeconds: 0.74 },
  },
  {
    entityRef: 'component:default/payments-api',
    sloName: 'payments-api-availability',
    peakEvents: 4_000,
    baseErrorRatio: 0.00004,
    burns: [{ startHoursAgo: 20 * 24 + 3, minutes: 20, errorRatio: 0.02 }],
  },
  {
    entityRef: 'component:default/payments-api',
    sloName: 'payments-api-availability-monthly',
    peakEvents: 4_000,
    baseErrorRatio: 0.00004,
    burns: [{ startHoursAgo: 20 * 24 + 3, minutes: 20, errorRatio: 0.02 }],
  },
  {
    entityRef: 'component:default/catalog-search',
    sloName: 'catalog-search-latency',
    peakEvents: 15_000,
    baseErrorRatio: 0.003,
    // A new ranking model since yesterday: slightly too many slow answers.
    burns: [{ startHoursAgo: 26, minutes: 26 * 60, errorRatio: 0.012 }],
  },
  {
    entityRef: 'component:default/ledger',
    sloName: 'ledger-correctness',
    peakEvents: 1_200,
    baseErrorRatio: 0.00002,
    burns: [],
  },
];

/** A repeatable number in [0, 1) for a bucket (no Math.random: idempotent). */
function noise(seed: string, bucket: number): number {
  let h = 2166136261;
  const text = `${seed}:${bucket}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 100_000) / 100_000;
}

/** Traffic share of the peak at an hour of the day (UTC): quiet nights, busy afternoons. */
function dailyCurve(epochSeconds: number): number {
  const hour = (epochSeconds / 3600) % 24;
  return (
    0.2 + 0.8 * Math.max(0, Math.sin(((hour - 5) / 24) * 2 * Math.PI)) ** 1.5
  );
}

/**
 * The samples of one demo SLO for the buckets starting in `[from, to)`
 * (epoch seconds, aligned to {@link DEMO_BUCKET_SECONDS}), placed relative
 * to `now`. The same inputs always give the same samples.
 *
 * @internal
 */
export function demoSamples(
  series: DemoSloSeries,
  range: { from: number; to: number; now: number },
): StoredSliSample[] {
  const samples: StoredSliSample[] = [];
  const step = DEMO_BUCKET_SECONDS;
  const seed = `${series.entityRef}/${series.sloName}`;
  for (
    let start = Math.ceil(range.from / step) * step;
    start < range.to;
    start += step
  ) {
    const total = Math.round(
      series.peakEvents * dailyCurve(start) * (0.85 + 0.3 * noise(seed, start)),
    );
    let errorRatio = series.baseErrorRatio * (0.5 + noise(`${seed}!`, start));
    let burning = false;
    for (const burn of series.burns) {
      const burnStart = range.now - burn.startHoursAgo * 3600;
      if (start >= burnStart && start < burnStart + burn.minutes * 60) {
        errorRatio = burn.errorRatio * (0.8 + 0.4 * noise(`${seed}#`, start));
        burning = true;
      }
    }
    if (series.latency) {
      const { baseSeconds, burnSeconds } = series.latency;
      const value = burning
        ? burnSeconds * (0.9 + 0.3 * noise(`${seed}#`, start))
        : baseSeconds * (0.8 + 0.4 * noise(`${seed}!`, start));
      samples.push({
        bucketStart: start,
        bucketSeconds: step,
        good: 0,
        total: 0,
        value: Math.round(value * 1000) / 1000,
      });
      continue;
    }
    // Rounded by chance, so rare errors of a small service still show.
    const bad = Math.min(
      total,
      Math.floor(total * errorRatio + noise(`${seed}%`, start)),
    );
    samples.push({
      bucketStart: start,
      bucketSeconds: step,
      good: total - bad,
      total,
    });
  }
  return samples;
}
