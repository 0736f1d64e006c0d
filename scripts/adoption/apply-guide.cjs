// Applies the install guide of the README to a stock Backstage app, as an adopter would:
//   node apply-guide.cjs README APP_DIR PACKAGES_TSV STEP...
// The guide's steps are the blocks that follow an `<!-- adoption: STEP -->` comment:
//   - a `sh` block: `yarn --cwd DIR add PACKAGE...` lines. Each package is added to DIR's
//     package.json as its tarball (`file:`, from PACKAGES_TSV as pack.sh writes it); the packed
//     libraries (common, node) go into the root `resolutions`, which stands in for the registry.
//   - a `diff` block: one or more files each under a `--- path` line. Lines starting
//     with " " are context, "+" added, "-" removed; a "..." line skips unchanged lines. Every
//     context line must match, in order, a line of the stock file (leading and trailing blanks
//     aside), so a guide that no longer fits the stock app fails here instead of misleading people.
// A step with no block (the new frontend system's) changes nothing. Prints what it did.
const fs = require('node:fs');
const path = require('node:path');

function readSteps(readme) {
  const lines = fs.readFileSync(readme, 'utf8').split('\n');
  const steps = new Map();
  for (let i = 0; i < lines.length; i++) {
    const marker = lines[i].match(/^<!-- adoption: ([\w-]+) -->$/);
    if (!marker) continue;
    const name = marker[1];
    if (steps.has(name))
      throw new Error(`README: step "${name}" appears twice`);
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    if (!lines[j]?.startsWith('```')) {
      steps.set(name, { lang: null, body: [] });
      continue;
    }
    const lang = lines[j].slice(3).trim();
    const end = lines.indexOf('```', j + 1);
    if (end < 0)
      throw new Error(`README: the block of step "${name}" is not closed`);
    steps.set(name, { lang, body: lines.slice(j + 1, end) });
  }
  return steps;
}

function readPackages(tsv) {
  const rows = fs.readFileSync(tsv, 'utf8').trim().split('\n').slice(1);
  return new Map(
    rows.map(row => {
      const [name, role, tarball] = row.split('\t');
      return [name, { name, role, tarball }];
    }),
  );
}

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function applyDependencies(step, appDir, packages) {
  const added = new Set();
  for (const line of step.body) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const m = line.match(/^yarn --cwd (\S+) add (.+)$/);
    if (!m)
      throw new Error(`README: cannot read the dependency line "${line}"`);
    const file = path.join(appDir, m[1], 'package.json');
    const pkg = readJson(file);
    for (const name of m[2].trim().split(/\s+/)) {
      const packed = packages.get(name);
      if (!packed)
        throw new Error(`README: ${name} is not a package of this repository`);
      pkg.dependencies = {
        ...pkg.dependencies,
        [name]: `file:${packed.tarball}`,
      };
      added.add(name);
      console.log(`  ${m[1]}/package.json: ${name} (tarball)`);
    }
    writeJson(file, pkg);
  }
  // The libraries the added packages depend on; modules are added by the steps that name them.
  const rootFile = path.join(appDir, 'package.json');
  const root = readJson(rootFile);
  for (const { name, role, tarball } of packages.values()) {
    if (added.has(name) || !role.endsWith('-library')) continue;
    if (root.resolutions?.[name] === `file:${tarball}`) continue;
    root.resolutions = { ...root.resolutions, [name]: `file:${tarball}` };
    console.log(
      `  package.json resolutions: ${name} (tarball, until published)`,
    );
  }
  writeJson(rootFile, root);
}

/** Splits a diff block into files, each a list of hunks of [kind, text] lines. */
function parseDiff(body, stepName) {
  const files = [];
  let hunk;
  for (const line of body) {
    if (line.startsWith('--- ')) {
      hunk = [];
      files.push({ path: line.slice(4).trim(), hunks: [hunk] });
      continue;
    }
    if (!hunk)
      throw new Error(`README: step "${stepName}" starts without "--- path"`);
    if (line.trim() === '...') {
      hunk = [];
      files[files.length - 1].hunks.push(hunk);
      continue;
    }
    const kind = line[0] ?? ' ';
    if (![' ', '+', '-'].includes(kind)) {
      throw new Error(
        `README: step "${stepName}" has a line that is no diff line: "${line}"`,
      );
    }
    hunk.push([kind, line.slice(1)]);
  }
  for (const file of files) file.hunks = file.hunks.filter(h => h.length > 0);
  return files;
}

function applyHunks(file, hunks, stepName) {
  let rest = fs.readFileSync(file, 'utf8').split('\n');
  const out = [];
  for (const hunk of hunks) {
    const old = hunk
      .filter(([kind]) => kind !== '+')
      .map(([, text]) => text.trim());
    if (old.length === 0) {
      throw new Error(
        `README: a hunk of step "${stepName}" has no line to place it by`,
      );
    }
    const at = rest.findIndex((_, i) =>
      old.every(
        (text, k) => i + k < rest.length && rest[i + k].trim() === text,
      ),
    );
    if (at < 0) {
      throw new Error(
        `README: step "${stepName}" does not fit ${file}: no lines\n${old
          .map(l => `    ${l}`)
          .join('\n')}\n  (in this order, after the previous change)`,
      );
    }
    out.push(...rest.slice(0, at));
    let k = at;
    for (const [kind, text] of hunk) {
      if (kind === '+') out.push(text);
      else if (kind === ' ') out.push(rest[k++]);
      else k++;
    }
    rest = rest.slice(k);
  }
  fs.writeFileSync(file, [...out, ...rest].join('\n'));
}

function main() {
  const [readme, appDir, packagesTsv, ...stepNames] = process.argv.slice(2);
  if (!readme || !appDir || !packagesTsv || stepNames.length === 0) {
    console.error('usage: apply-guide.cjs README APP_DIR PACKAGES_TSV STEP...');
    process.exit(2);
  }
  const steps = readSteps(readme);
  const packages = readPackages(packagesTsv);
  for (const name of stepNames) {
    const step = steps.get(name);
    if (!step) throw new Error(`README has no step "${name}"`);
    console.log(`step ${name}:`);
    if (step.lang === 'sh') {
      applyDependencies(step, appDir, packages);
    } else if (step.lang === null) {
      console.log('  nothing to change');
    } else if (step.lang === 'diff') {
      for (const file of parseDiff(step.body, name)) {
        applyHunks(path.join(appDir, file.path), file.hunks, name);
        console.log(`  ${file.path}`);
      }
    } else {
      throw new Error(
        `README: step "${name}" is a ${step.lang} block, not sh or diff`,
      );
    }
  }
}

try {
  main();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
