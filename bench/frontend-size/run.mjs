// What does Reliability Hub add to the portal's frontend download? Builds the
// demo app for production (`backstage-cli package build` in packages/app,
// unless --no-build reuses the last build), then reads every JavaScript
// chunk the build emitted and its source map, and attributes each chunk's
// bytes to the packages its sources come from. Prints, for each chunk that
// holds code of the reliability plugin (plugins/reliability, or the common
// package it imports), its size raw and gzipped (level 6, what web servers
// use) and the share of it that is ours; then our total beside the whole
// app's, and whether our code loads with the app's first chunks or only
// when a page of ours is opened (a lazy chunk).
//
//   node bench/frontend-size/run.mjs [--no-build]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'packages/app');
const STATIC = path.join(APP, 'dist/static');
const OURS = [
  /(^|\/)plugins\/reliability\//,
  /(^|\/)plugins\/reliability-common\//,
  /@reliability-hub\/plugin-reliability(-common)?\//,
];

if (!process.argv.includes('--no-build')) {
  const t0 = Date.now();
  const build = spawnSync(
    path.join(ROOT, 'node_modules/.bin/backstage-cli'),
    ['package', 'build'],
    { cwd: APP, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (build.status !== 0) {
    console.error('The app build failed');
    process.exit(1);
  }
  console.log(
    `Built packages/app in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

/**
 * The size of each source in a chunk. Without decoding the mappings byte by
 * byte, the share of each source is estimated from the length of its text in
 * the source map (before minification): good enough to tell a chunk that is
 * ours from one that is not, and to add up our part of mixed ones.
 */
function sizesBySource(map) {
  const sizes = new Map();
  map.sources.forEach((source, i) => {
    const length = map.sourcesContent?.[i]?.length ?? 0;
    sizes.set(source, (sizes.get(source) ?? 0) + length);
  });
  return sizes;
}

const gz = buffer => zlib.gzipSync(buffer, { level: 6 }).length;
const kib = n => `${(n / 1024).toFixed(1)} KiB`;

const html = fs.readFileSync(path.join(APP, 'dist/index.html'), 'utf8');
const entry = new Set(
  [...html.matchAll(/src="[^"]*\/static\/([^"]+\.js)"/g)].map(m => m[1]),
);
const chunks = fs
  .readdirSync(STATIC)
  .filter(f => f.endsWith('.js'))
  .map(file => {
    const code = fs.readFileSync(path.join(STATIC, file));
    const mapFile = path.join(STATIC, `${file}.map`);
    const map = fs.existsSync(mapFile)
      ? JSON.parse(fs.readFileSync(mapFile, 'utf8'))
      : { sources: [] };
    const sizes = sizesBySource(map);
    let ours = 0;
    let all = 0;
    for (const [source, n] of sizes) {
      all += n;
      if (OURS.some(re => re.test(source))) ours += n;
    }
    return {
      file,
      raw: code.length,
      gzip: gz(code),
      share: all ? ours / all : 0,
      initial: entry.has(file),
    };
  });

const total = chunks.reduce(
  (a, c) => ({ raw: a.raw + c.raw, gzip: a.gzip + c.gzip }),
  { raw: 0, gzip: 0 },
);
const initial = chunks.filter(c => c.initial);
const ourChunks = chunks
  .filter(c => c.share >= 0.01)
  .sort((a, b) => b.share * b.gzip - a.share * a.gzip);

console.log(
  "\n=== The reliability plugin in the demo app's production build ===",
);
console.log(
  'chunk                               raw        gzip      ours   loads',
);
for (const c of ourChunks) {
  console.log(
    `${c.file.padEnd(34)}  ${kib(c.raw).padStart(10)}  ${kib(c.gzip).padStart(
      9,
    )}  ${`${(c.share * 100).toFixed(0)} %`.padStart(5)}   ${
      c.initial ? 'at start' : 'lazily'
    }`,
  );
}
const oursGzip = ourChunks.reduce((a, c) => a + c.gzip * c.share, 0);
const oursInitial = ourChunks
  .filter(c => c.initial)
  .reduce((a, c) => a + c.gzip * c.share, 0);
console.log(
  `\nours (each chunk's gzip size × its share of our code): ${kib(
    oursGzip,
  )} gzipped, of which ${kib(oursInitial)} in the chunks loaded at start`,
);
console.log(
  `the whole app: ${chunks.length} chunks, ${kib(total.raw)} raw, ${kib(
    total.gzip,
  )} gzipped; loaded at start: ${kib(
    initial.reduce((a, c) => a + c.gzip, 0),
  )} gzipped in ${initial.length} chunks`,
);
console.log(
  `ours / the whole app, gzipped: ${((oursGzip / total.gzip) * 100).toFixed(
    1,
  )} %`,
);
