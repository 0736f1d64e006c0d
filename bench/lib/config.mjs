// The config overlay parts every benchmark backend shares.

/**
 * Search on, as adopters run it: one indexing run of every collator (the
 * catalog, the runbooks, the 100,000 postmortems) right after start, which
 * the benchmarks wait for before measuring, then none for a day.
 */
export const SEARCH_ONCE_AT_START = {
  collators: Object.fromEntries(
    ['catalog', 'reliability'].map(name => [
      name,
      {
        schedule: {
          frequency: { hours: 24 },
          timeout: { hours: 1 },
          initialDelay: { seconds: 15 },
        },
      },
    ]),
  ),
};

/**
 * The reliability plugin's own jobs run once at start and then stay out of
 * the measurement: the seed's thousands of long-open, unacknowledged
 * incidents would otherwise be escalated and reminded of every minute while
 * requests are timed.
 */
export const RELIABILITY_JOBS_ONCE = {
  demoData: { enabled: false },
  incidents: { escalationCheckInterval: { hours: 6 } },
  postmortems: { reminderCheckInterval: { hours: 6 } },
  oncall: { handoffCheckInterval: { hours: 6 } },
};
