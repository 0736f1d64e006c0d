// The figures the combined benchmark prints beside the routes': the rotation
// math (../oncall-expansion) and the frontend's download (../frontend-size),
// each run as its own script, its table kept as it printed it.
import { spawn } from 'node:child_process';
import path from 'node:path';

const BENCH = path.resolve(import.meta.dirname, '..');

function run(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(BENCH, script), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', d => (out += d));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

/** The lines to print: each benchmark's table, from its header on. */
export async function otherFigures({ log, noBuild }) {
  log(
    '\nRotation math (bench/oncall-expansion) and frontend size (bench/frontend-size)…',
  );
  const rotation = await run('oncall-expansion/run.mjs', []);
  const frontend = await run(
    'frontend-size/run.mjs',
    noBuild ? ['--no-build'] : [],
  );
  const from = (text, marker) => {
    const lines = text.trimEnd().split('\n');
    const i = lines.findIndex(l => l.startsWith(marker));
    return i < 0 ? lines : lines.slice(i);
  };
  return [
    '\n=== Rotation math (node bench/oncall-expansion/run.mjs) ===',
    ...from(rotation, 'what'),
    '\n=== Frontend download (node bench/frontend-size/run.mjs --no-build, the app the backend build bundles) ===',
    ...from(frontend, 'chunk'),
  ];
}
