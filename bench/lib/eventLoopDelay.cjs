// Preloaded into the backend by the HTTP benchmarks (`node --require`):
// samples the event loop's delay from inside the backend, so that the
// benchmark can tell whether requests blocked everything else, and during
// which of its load runs. A timer due every 10 ms notes how late it fired;
// twice a second the samples go to $EVENT_LOOP_DELAY_FILE as lines of
// "<epoch ms> <delay ms>". A blocked loop writes nothing until it is free,
// and then one sample as late as the block was long. Does nothing without
// the variable.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const file = process.env.EVENT_LOOP_DELAY_FILE;
if (file) {
  const INTERVAL_MS = 10;
  let lines = [];
  let due = performance.now() + INTERVAL_MS;
  const sample = () => {
    const now = performance.now();
    lines.push(
      `${Math.round(performance.timeOrigin + now)} ${Math.max(
        0,
        now - due,
      ).toFixed(2)}`,
    );
    due = now + INTERVAL_MS;
    setTimeout(sample, INTERVAL_MS).unref();
  };
  fs.writeFileSync(file, '');
  setTimeout(sample, INTERVAL_MS).unref();
  setInterval(() => {
    if (!lines.length) return;
    fs.appendFileSync(file, `${lines.join('\n')}\n`);
    lines = [];
  }, 500).unref();
}
