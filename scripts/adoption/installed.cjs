// What an app has installed, and what installing Reliability Hub added to it:
//   node installed.cjs list APP_DIR > installed.json     every name@version under node_modules
//   node installed.cjs added BEFORE.json AFTER.json       the versions that are new after the install
// `added` fails when the install brought a second version of a package the app already had from
// @backstage/* (a duplicate copy of the framework or of a plugin the app uses), and prints the
// other new packages for information.
const fs = require('node:fs');
const path = require('node:path');

function list(appDir) {
  const found = new Set();
  const walk = dir => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const packages = entry.name.startsWith('@')
        ? fs
            .readdirSync(path.join(dir, entry.name))
            .map(n => path.join(entry.name, n))
        : [entry.name];
      for (const p of packages) {
        const pkgDir = path.join(dir, p);
        try {
          const { name, version } = JSON.parse(
            fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
          );
          if (name && version) found.add(`${name}@${version}`);
        } catch {
          continue;
        }
        walk(path.join(pkgDir, 'node_modules'));
      }
    }
  };
  walk(path.join(appDir, 'node_modules'));
  for (const ws of ['packages', 'plugins']) {
    const wsDir = path.join(appDir, ws);
    if (!fs.existsSync(wsDir)) continue;
    for (const d of fs.readdirSync(wsDir))
      walk(path.join(wsDir, d, 'node_modules'));
  }
  return [...found].sort();
}

const split = id => {
  const at = id.lastIndexOf('@');
  return [id.slice(0, at), id.slice(at + 1)];
};

function added(beforeFile, afterFile) {
  const before = new Set(JSON.parse(fs.readFileSync(beforeFile, 'utf8')));
  const after = JSON.parse(fs.readFileSync(afterFile, 'utf8'));
  const namesBefore = new Map();
  for (const id of before) {
    const [name, version] = split(id);
    namesBefore.set(name, [...(namesBefore.get(name) ?? []), version]);
  }
  const fresh = after.filter(id => !before.has(id));
  const duplicates = fresh.filter(id => {
    const [name] = split(id);
    return name.startsWith('@backstage/') && namesBefore.has(name);
  });
  const ours = fresh.filter(id => id.startsWith('@reliability-hub/'));
  const others = fresh.filter(
    id => !ours.includes(id) && !duplicates.includes(id),
  );
  console.log(`  installed: ${ours.join(', ')}`);
  console.log(
    `  other new packages: ${others.length}${
      others.length
        ? ` (${others.slice(0, 12).join(', ')}${
            others.length > 12 ? ', ...' : ''
          })`
        : ''
    }`,
  );
  if (duplicates.length > 0) {
    console.error('  second copies of Backstage packages the app already had:');
    for (const id of duplicates) {
      console.error(
        `    ${id} (the app has ${namesBefore.get(split(id)[0]).join(', ')})`,
      );
    }
    process.exit(1);
  }
  console.log('  no second copy of any Backstage package');
}

const [command, ...args] = process.argv.slice(2);
if (command === 'list' && args.length === 1) {
  console.log(JSON.stringify(list(args[0]), null, 0));
} else if (command === 'added' && args.length === 2) {
  added(args[0], args[1]);
} else {
  console.error(
    'usage: installed.cjs list APP_DIR | added BEFORE.json AFTER.json',
  );
  process.exit(2);
}
