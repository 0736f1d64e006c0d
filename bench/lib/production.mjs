// The portal backend as a platform team deploys it: `yarn build:backend`,
// then what the backend's Dockerfile does, in a directory instead of an
// image: the skeleton's package.json files with the lockfile, `yarn
// workspaces focus --all --production` (reinstalled only when the lockfile
// or the skeleton changed), then the bundle unpacked over it. The backend
// then starts with `node packages/backend`: compiled JavaScript, no
// transform on the fly, NODE_ENV=production.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'packages/backend/dist');

function yarn(args, cwd, log) {
  const release = fs
    .readdirSync(path.join(ROOT, '.yarn/releases'))
    .find(f => /^yarn-.*\.cjs$/.test(f));
  log(`  (in ${path.relative(ROOT, cwd) || '.'}) yarn ${args.join(' ')}`);
  execFileSync(
    process.execPath,
    [path.join(ROOT, '.yarn/releases', release), ...args],
    { cwd, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/**
 * Builds (unless `build` is false) and installs the production backend in
 * `dir`; returns how to start it.
 */
export function prepareProductionBackend({ dir, build = true, log }) {
  const t0 = Date.now();
  if (build) {
    log('Building the backend for production (yarn build:backend)');
    yarn(['build:backend'], ROOT, log);
  }
  for (const file of ['bundle.tar.gz', 'skeleton.tar.gz'])
    if (!fs.existsSync(path.join(DIST, file)))
      throw new Error(
        `packages/backend/dist/${file} is missing: run yarn build:backend`,
      );

  const skeleton = fs.readFileSync(path.join(DIST, 'skeleton.tar.gz'));
  const lockfile = fs.readFileSync(path.join(ROOT, 'yarn.lock'));
  const stamp = createHash('sha256')
    .update(execFileSync('tar', ['xzOf', path.join(DIST, 'skeleton.tar.gz')]))
    .update(lockfile)
    .digest('hex');
  const stampFile = path.join(dir, '.dependencies');
  const installed =
    fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;
  if (!installed) {
    log(
      'Installing the production dependencies (yarn workspaces focus --all --production)',
    );
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.cpSync(
      path.join(ROOT, '.yarn/releases'),
      path.join(dir, '.yarn/releases'),
      {
        recursive: true,
      },
    );
    for (const file of ['.yarnrc.yml', 'backstage.json', 'package.json'])
      fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
    fs.writeFileSync(path.join(dir, 'yarn.lock'), lockfile);
    fs.writeFileSync(path.join(dir, 'skeleton.tar.gz'), skeleton);
    execFileSync('tar', ['xzf', 'skeleton.tar.gz'], { cwd: dir });
    yarn(['workspaces', 'focus', '--all', '--production'], dir, log);
    fs.writeFileSync(stampFile, stamp);
  }
  // The bundle replaces the packages' contents every time: the build may have changed.
  for (const folder of ['packages', 'plugins'])
    for (const pkg of fs.existsSync(path.join(dir, folder))
      ? fs.readdirSync(path.join(dir, folder))
      : [])
      fs.rmSync(path.join(dir, folder, pkg, 'dist'), {
        recursive: true,
        force: true,
      });
  execFileSync('tar', ['xzf', path.join(DIST, 'bundle.tar.gz')], { cwd: dir });
  log(
    `Production backend ready in ${path.relative(ROOT, dir)} (${(
      (Date.now() - t0) /
      1000
    ).toFixed(0)} s)`,
  );
  return {
    cwd: dir,
    command: process.execPath,
    /** node arguments before the backend's own (e.g. --require). */
    args: preload => [
      ...preload.flatMap(m => ['--require', m]),
      'packages/backend',
    ],
    env: { NODE_ENV: 'production' },
    isServer: cmd => cmd.includes('packages/backend'),
  };
}

// `node bench/lib/production.mjs --dir DIR [--no-build]`: prepares the
// production backend in DIR (for scripts: the reliability suite's
// --production) and prints how it starts.
if (process.argv[1] === import.meta.filename) {
  const { values } = (await import('node:util')).parseArgs({
    options: {
      dir: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  if (!values.dir) {
    console.error('--dir DIR is required');
    process.exit(2);
  }
  prepareProductionBackend({
    dir: path.resolve(values.dir),
    build: !values['no-build'],
    log: (...a) => console.error(...a),
  });
}
