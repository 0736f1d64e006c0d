// Generates the catalog of the entity-summary benchmark: the same 10,000
// components the reliability database is seeded for (bench-00001 …), owned by
// 50 groups. groups.yaml is registered with a rule allowing Group (the portal's
// global rules do not); all.yaml is a Location entity whose targets are ten
// files of 1,000 components each. As in an organisation that adopted the
// plugin, a share of the components carry its annotations, with the files
// beside their catalog file: every 10th the demo checkout's OpenSLO file
// (three SLOs: 3,000 in all), every 6th its six runbooks (~10,000 in all),
// each with the component's own name and owner in place of checkout's.
import fs from 'node:fs';
import path from 'node:path';
import { CATALOG_DIR, componentName } from './lib.mjs';
import { ownerGroup, SPEC } from './seed.mjs';

const PER_FILE = 1000;
const TEMPLATE_DIR = path.join(
  import.meta.dirname,
  '../../examples/components/checkout',
);
/** Every SLO_EVERY-th component has SLOs, every RUNBOOKS_EVERY-th runbooks. */
export const SLO_EVERY = 10;
export const RUNBOOKS_EVERY = 6;

/** The demo checkout's file, made the given component's. */
function fromTemplate(relative, i) {
  return fs
    .readFileSync(path.join(TEMPLATE_DIR, relative), 'utf8')
    .replaceAll('team-checkout', ownerGroup(i))
    .replaceAll('checkout', componentName(i));
}

function annotationsOf(i) {
  const lines = [];
  const name = componentName(i);
  if (i % SLO_EVERY === 0) {
    const file = path.join(CATALOG_DIR, 'openslo', `${name}.yaml`);
    writeIfChanged(file, fromTemplate('openslo.yaml', i));
    lines.push(`    reliability-hub.io/openslo: ./openslo/${name}.yaml`);
  }
  if (i % RUNBOOKS_EVERY === 0) {
    const dir = path.join(CATALOG_DIR, 'runbooks', name);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of fs.readdirSync(path.join(TEMPLATE_DIR, 'runbooks')))
      writeIfChanged(
        path.join(dir, file),
        fromTemplate(path.join('runbooks', file), i),
      );
    lines.push(`    reliability-hub.io/runbooks: ./runbooks/${name}`);
  }
  return lines.length ? `  annotations:\n${lines.join('\n')}\n` : '';
}

function writeIfChanged(file, text) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}

/** Writes the YAML files (only those that changed) and returns the catalog.locations to configure. */
export function generateCatalog() {
  fs.mkdirSync(path.join(CATALOG_DIR, 'openslo'), { recursive: true });
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
        )}\n  description: Benchmark component ${i}\n  tags: [bench]\n${annotationsOf(
          i,
        )}spec:\n  type: service\n  lifecycle: production\n  owner: group:default/${ownerGroup(
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
