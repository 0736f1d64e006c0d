// Checks that a packed tarball is a package adopters can install:
//   node check-tarball.cjs TARBALL SOURCE_DIR
// Exits non-zero naming every problem: a private or workspace-linked package.json, entry points
// or type declarations missing from the tarball, no LICENSE or README, no compiled config schema
// when the package declares one, migrations left out.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [tarball, sourceDir] = process.argv.slice(2);
if (!tarball || !sourceDir) {
  console.error('usage: check-tarball.cjs TARBALL SOURCE_DIR');
  process.exit(2);
}

const files = new Set(
  execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(f => f.replace(/^package\//, '')),
);
const readFromTarball = file =>
  execFileSync('tar', ['-xzOf', tarball, `package/${file}`], {
    encoding: 'utf8',
  });
const pkg = JSON.parse(readFromTarball('package.json'));
const source = JSON.parse(
  fs.readFileSync(path.join(sourceDir, 'package.json'), 'utf8'),
);
const problems = [];
const need = (file, why) => {
  if (!files.has(file.replace(/^\.\//, ''))) {
    problems.push(`${file} is missing (${why})`);
  }
};

if (pkg.private) problems.push('package.json says "private": true');
for (const field of [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
]) {
  for (const [name, range] of Object.entries(pkg[field] ?? {})) {
    if (/^(workspace|link|portal|file):/.test(range)) {
      problems.push(
        `${field}.${name} is "${range}", which no registry resolves`,
      );
    }
  }
}
need('LICENSE', 'the license text');
need('README.md', 'the install guide of the package');
need(pkg.main ?? 'index.js', '"main"');
need(pkg.types ?? 'index.d.ts', '"types"');
for (const [entry, target] of Object.entries(pkg.exports ?? {})) {
  // Conditions such as "backstage": "@backstage/FrontendPlugin" are metadata, not files.
  const targets = typeof target === 'string' ? [target] : Object.values(target);
  for (const t of targets.filter(t => t.startsWith('./'))) {
    need(t, `exports["${entry}"]`);
  }
}
for (const [entry, targets] of Object.entries(pkg.typesVersions?.['*'] ?? {})) {
  for (const t of targets) need(t, `typesVersions["${entry}"]`);
}
if (source.configSchema) {
  if (pkg.configSchema !== 'config.schema.json') {
    problems.push(
      `configSchema is "${pkg.configSchema}", not the compiled config.schema.json`,
    );
  } else {
    need('config.schema.json', 'the compiled configuration schema');
    if (files.has('config.schema.json')) {
      const schema = JSON.parse(readFromTarball('config.schema.json'));
      if (!schema.properties)
        problems.push('config.schema.json has no properties');
    }
  }
}
const migrations = path.join(sourceDir, 'migrations');
if (fs.existsSync(migrations)) {
  for (const m of fs.readdirSync(migrations)) {
    need(`migrations/${m}`, 'a database migration');
  }
}

if (problems.length > 0) {
  console.error(`${pkg.name}: the tarball is not installable as it is:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`${pkg.name}@${pkg.version}: ${files.size} files, checked`);
