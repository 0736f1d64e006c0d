// Preloaded into the backend by run.mjs (`node --require`): measures the
// event loop's delay from inside the backend with perf_hooks, so that the
// benchmark can tell whether a request blocked everything else. Writes the
// figures since the last reset (SIGUSR2) to $EVENT_LOOP_DELAY_FILE twice a
// second, with the time of writing; does nothing without it.
const fs = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const file = process.env.EVENT_LOOP_DELAY_FILE;
if (file) {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  process.on('SIGUSR2', () => histogram.reset());
  // The histogram holds the whole interval between samples: the delay is
  // what exceeds the resolution.
  const ms = ns =>
    Math.max(0, Math.round(ns / 1e4) / 100 - RESOLUTION_MS).toFixed(2);
  setInterval(() => {
    fs.writeFileSync(
      file,
      JSON.stringify({
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        samples: histogram.count,
        // When this was written: a backend whose loop is blocked writes
        // nothing, and the reader must not take an older figure for now's.
        at: Date.now(),
      }),
    );
  }, 500).unref();
}
