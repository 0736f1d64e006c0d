// Shared paths, module resolution and small helpers of the entity-summary benchmark.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, '../..');
export const DATA_DIR = path.join(ROOT, 'bench/.data/entity-summary');
/** backend.database.connection.directory: one `<pluginId>.sqlite` per plugin. */
export const DB_DIR = path.join(DATA_DIR, 'db');
export const DB_FILE = path.join(DB_DIR, 'reliability.sqlite');
/** What the seeded file holds (counts, benchmark targets) and what it was built from. */
export const SEED_META_FILE = path.join(DATA_DIR, 'reliability.seed.json');
export const CATALOG_DIR = path.join(DATA_DIR, 'catalog');
export const MIGRATIONS_DIR = path.join(
  ROOT,
  'plugins/reliability-backend/migrations',
);
export const BACKEND_DIR = path.join(ROOT, 'packages/backend');

// Resolve knex and better-sqlite3 the way the plugin and the backend do, so the
// benchmark uses exactly their versions.
const pluginRequire = createRequire(
  path.join(ROOT, 'plugins/reliability-backend/package.json'),
);
const backendRequire = createRequire(path.join(BACKEND_DIR, 'package.json'));
export const rootRequire = createRequire(path.join(ROOT, 'package.json'));
export const knexFactory = pluginRequire('knex');
export const BetterSqlite3 = backendRequire('better-sqlite3');
export { pluginRequire, backendRequire };

/** Bump when the generated data changes shape: a stored database with another version is rebuilt. */
export const SEED_VERSION = 1;

/** Hash of the plugin's migrations: a database seeded with other migrations is rebuilt. */
export function migrationsHash() {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(MIGRATIONS_DIR).sort()) {
    hash
      .update(`${file}\n`)
      .update(fs.readFileSync(path.join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

export function formatBytes(bytes) {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

export function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A small deterministic PRNG (mulberry32), so every seed builds the same data set. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into integers proportional to `weights` (largest remainder), summing exactly to `total`. */
export function apportion(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map(w => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i])
    .sort((a, b) => b[0] - a[0]);
  for (let k = 0; rest > 0; k++, rest--) counts[order[k % order.length][1]]++;
  return counts;
}

export function componentName(i) {
  return `bench-${String(i).padStart(5, '0')}`;
}

export function componentRef(i) {
  return `component:default/${componentName(i)}`;
}
