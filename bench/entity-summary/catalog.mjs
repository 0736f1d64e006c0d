// Generates the catalog of the entity-summary benchmark: the same 10,000
// components the reliability database is seeded for (bench-00001 …), owned by
// 50 groups. groups.yaml is registered with a rule allowing Group (the portal's
// global rules do not); all.yaml is a Location entity whose targets are ten
// files of 1,000 components each.
import fs from 'node:fs';
import path from 'node:path';
import { CATALOG_DIR, componentName } from './lib.mjs';
import { ownerGroup, SPEC } from './seed.mjs';

const PER_FILE = 1000;

function writeIfChanged(file, text) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}

/** Writes the YAML files (only those that changed) and returns the catalog.locations to configure. */
export function generateCatalog() {
  fs.mkdirSync(CATALOG_DIR, { recursive: true });
  const groups = [];
  for (let g = 0; g < SPEC.groups; g++) {
    const name = ownerGroup(g);
    groups.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\n  description: Benchmark team ${g}\nspec:\n  type: team\n  children: []\n`,
    );
  }
  writeIfChanged(path.join(CATALOG_DIR, 'groups.yaml'), groups.join('---\n'));

  const targets = [];
  for (let start = 1; start <= SPEC.components; start += PER_FILE) {
    const file = `components-${String((start - 1) / PER_FILE + 1).padStart(
      2,
      '0',
    )}.yaml`;
    const docs = [];
    for (let i = start; i < start + PER_FILE && i <= SPEC.components; i++) {
      docs.push(
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${componentName(
          i,
        )}\n  description: Benchmark component ${i}\n  tags: [bench]\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/${ownerGroup(
          i,
        )}\n`,
      );
    }
    writeIfChanged(path.join(CATALOG_DIR, file), docs.join('---\n'));
    targets.push(`./${file}`);
  }
  writeIfChanged(
    path.join(CATALOG_DIR, 'all.yaml'),
    `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: bench-entity-summary\n  description: The 10,000 components of the entity-summary benchmark\nspec:\n  targets:\n${targets
      .map(t => `    - ${t}`)
      .join('\n')}\n`,
  );
  return [
    {
      type: 'file',
      target: path.join(CATALOG_DIR, 'groups.yaml'),
      rules: [{ allow: ['Group'] }],
    },
    { type: 'file', target: path.join(CATALOG_DIR, 'all.yaml') },
  ];
}
