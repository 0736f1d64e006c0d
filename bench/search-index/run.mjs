// What does one search indexing run of 100,000 postmortems cost the backend's
// memory, with Backstage's in-memory engine (Lunr) and with PostgreSQL's
// full-text search (@backstage/plugin-search-backend-module-pg)?
//
// Each engine runs in a fresh Node process: the module's own postmortem
// collator (the code the portal runs, reading its API 100 items at a time;
// here the pages come from a generator instead of HTTP) is piped into the
// engine's indexer, as the search backend's scheduler does, and the process's
// peak RSS (VmHWM) is printed with the time it took and a query that must find
// a document. Every postmortem has five long sections (some 20,000
// characters), of which the collator hands the index at most 8,000.
//
//   node bench/search-index/run.mjs [--documents 100000] [--engines lunr,pg]
//
// PostgreSQL: the connection string in PG_URL (e.g. postgresql://postgres@127.0.0.1:5432);
// the benchmark creates and drops its own database. Without PG_URL only Lunr runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');
const rootRequire = createRequire(path.join(ROOT, 'package.json'));
const { values: args } = parseArgs({
  options: {
    documents: { type: 'string', default: '100000' },
    engines: { type: 'string', default: 'lunr,pg' },
    child: { type: 'string' },
  },
});
const DOCUMENTS = Number(args.documents);
const MiB = bytes => `${(bytes / 1048576).toFixed(0)} MiB`;

function peakRss() {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)[1]) * 1024;
}

/** Words of a made-up language: an index of them grows as one of prose does. */
function words(seed, count) {
  let state = seed >>> 0;
  const out = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const n = state % 20_000;
    out.push(`w${n.toString(36)}${'aeiou'[n % 5]}`);
  }
  return out.join(' ');
}

async function child(engineName) {
  const searchModule = rootRequire.resolve(
    '@backstage/plugin-search-backend-node',
    { paths: [path.join(ROOT, 'packages/backend')] },
  );
  const backendRequire = createRequire(searchModule);
  rootRequire('@backstage/cli-node/config/nodeTransform.cjs');
  const { postmortemCollatorFactory } = rootRequire(
    path.join(
      ROOT,
      'plugins/search-backend-module-reliability/src/collators/PostmortemCollatorFactory.ts',
    ),
  );
  const logger = {
    info() {},
    warn() {},
    error: console.error,
    debug() {},
    child() {
      return logger;
    },
  };
  const reader = {
    async *pages() {
      for (let p = 0; p * 100 < DOCUMENTS; p++) {
        yield Array.from(
          { length: Math.min(100, DOCUMENTS - p * 100) },
          (_, i) => {
            const n = p * 100 + i;
            return {
              id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
              entityRef: `component:default/bench-${String(n % 10_000).padStart(
                5,
                '0',
              )}`,
              title: `Checkout errors ${n}: ${words(n, 6)}`,
              status: 'published',
              summary: `The connection pool ran dry. ${words(n + 1, 700)}`,
              impact: words(n + 2, 700),
              rootCause: words(n + 3, 700),
              contributingFactors: words(n + 4, 700),
              lessonsLearned: words(n + 5, 700),
              incidentIds: [],
            };
          },
        );
      }
    },
  };
  const factory = postmortemCollatorFactory(reader);

  let engine;
  let knex;
  if (engineName === 'lunr') {
    const { LunrSearchEngine } = backendRequire(searchModule);
    engine = new LunrSearchEngine({ logger });
  } else {
    const pgModule = rootRequire.resolve(
      '@backstage/plugin-search-backend-module-pg',
      { paths: [path.join(ROOT, 'packages/backend')] },
    );
    const { PgSearchEngine } = createRequire(pgModule)(pgModule);
    const knexFactory = createRequire(pgModule)('knex');
    knex = knexFactory({
      client: 'pg',
      connection: `${process.env.PG_URL}/bench_search_index`,
    });
    const { ConfigReader } = createRequire(pgModule)('@backstage/config');
    engine = await PgSearchEngine.fromConfig(new ConfigReader({}), {
      database: { getClient: async () => knex },
      logger,
    });
  }

  const started = performance.now();
  const collator = await factory.getCollator();
  const indexer = await engine.getIndexer(factory.type);
  await pipeline(collator, indexer);
  const seconds = (performance.now() - started) / 1000;
  const found = await engine.query({ term: 'pool', types: [factory.type] });
  await knex?.destroy();
  process.stdout.write(
    JSON.stringify({
      engine: engineName,
      seconds,
      peak: peakRss(),
      found: found.results.length,
    }),
  );
}

function psql(sql) {
  const result = spawnSync('psql', [process.env.PG_URL, '-qc', sql], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
}

async function main() {
  const engines = args.engines
    .split(',')
    .filter(e => e === 'lunr' || process.env.PG_URL);
  console.log(
    `Search indexing — ${new Date().toISOString()}, Node ${
      process.version
    }: ${DOCUMENTS.toLocaleString(
      'en',
    )} postmortems of ~20,000 characters each\n`,
  );
  console.log('engine      time      peak RSS   found "pool"');
  console.log('----------  --------  ---------  ------------');
  for (const engine of engines) {
    if (engine === 'pg') {
      psql('DROP DATABASE IF EXISTS bench_search_index');
      psql('CREATE DATABASE bench_search_index');
    }
    const run = spawnSync(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        '--documents',
        String(DOCUMENTS),
        '--child',
        engine,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (engine === 'pg') psql('DROP DATABASE IF EXISTS bench_search_index');
    if (run.status !== 0) {
      const why = `${run.stderr}`
        .split('\n')
        .filter(Boolean)
        .slice(-3)
        .join(' / ');
      console.log(
        `${engine.padEnd(10)}  failed (${run.signal ?? run.status}): ${why}`,
      );
      continue;
    }
    const r = JSON.parse(run.stdout);
    console.log(
      `${engine.padEnd(10)}  ${`${r.seconds.toFixed(0)} s`.padEnd(8)}  ${MiB(
        r.peak,
      ).padEnd(9)}  ${r.found}`,
    );
  }
}

if (args.child) {
  await child(args.child);
} else {
  await main();
}
