import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isRunbookStale, parseRunbookFile, Runbook } from './parse';
import { readRunbookFiles } from './files/readRunbookFiles';
import { resolveRunbookLocation } from './files/runbookLocations';
import { DEMO_GAME_DAY_RUNBOOK } from '../demo/demoIncidents';

const COMPONENTS = path.resolve(__dirname, '../../../../examples/components');
/** The day the demo data describes. */
const DEMO_DAY = '2026-11-22';

/** Every runbook of the demo catalog, read the way the refresh reads it. */
async function demoRunbooks() {
  const urlReader = mockServices.urlReader.mock();
  const runbooks: Array<Runbook & { component: string }> = [];
  const problems: unknown[] = [];
  const links: string[] = [];
  for (const component of await fs.readdir(COMPONENTS)) {
    const file = path.join(COMPONENTS, component, 'catalog-info.yaml');
    const entity = parseAllDocuments(await fs.readFile(file, 'utf8'))
      .map(document => document.toJS())
      .find(document => document?.kind === 'Component');
    links.push(
      ...(entity.metadata.links ?? [])
        .filter((link: any) => link.type === 'runbook')
        .map((link: any) => link.url),
    );
    const annotation =
      entity.metadata.annotations?.['reliability-hub.io/runbooks'];
    if (!annotation) continue;
    entity.metadata.annotations[
      'backstage.io/managed-by-location'
    ] = `file:${file}`;
    const { files } = await readRunbookFiles(
      urlReader,
      resolveRunbookLocation(entity, annotation),
    );
    for (const { name, text } of files) {
      const result = parseRunbookFile(text, name);
      runbooks.push(...result.runbooks.map(r => ({ ...r, component })));
      problems.push(...result.problems);
    }
  }
  return { runbooks, problems, links };
}

describe('demo runbooks', () => {
  it('are valid, cover the SOP incidents, and name the alerts the demo fires', async () => {
    const { runbooks, problems, links } = await demoRunbooks();
    expect(problems).toEqual([]);
    expect(runbooks.length).toBeGreaterThanOrEqual(10);
    expect(links.length).toBeGreaterThanOrEqual(5);
    expect(new Set(runbooks.map(r => r.component)).size).toBeGreaterThanOrEqual(
      5,
    );
    // Markdown with front matter as well as YAML.
    expect(runbooks.some(r => r.source.file.endsWith('.md'))).toBe(true);

    const titles = runbooks.map(r => r.title.toLowerCase()).join('\n');
    for (const topic of [
      'slo violation',
      'error budget depleted',
      'burn rate',
      'latency slo violation',
      'connection pool exhaustion',
      'roll back',
    ]) {
      expect(titles).toContain(topic);
    }

    const alerts = new Set(runbooks.flatMap(r => r.alerts));
    // Alerts of the demo incidents and of the Alertmanager tests.
    for (const alert of [
      'HighErrorRate',
      'HighLatency',
      'ModelInferenceTimeouts',
      'CartSlow',
      'DiskFull',
      'CheckoutHighErrorRate',
    ]) {
      expect(alerts).toContain(alert);
    }

    // The demo's game day walked a runbook of its own component.
    expect(
      runbooks.map(r => `component:default/${r.component}/${r.id}`),
    ).toContain(DEMO_GAME_DAY_RUNBOOK);

    const stale = runbooks.filter(r => isRunbookStale(r, DEMO_DAY));
    expect(stale.map(r => r.id).sort()).toEqual([
      'cart-slow',
      'reconciliation-mismatch',
    ]);
    for (const runbook of runbooks) {
      expect(
        runbook.steps.flatMap(step => step.commands.map(c => c.run)).join('\n'),
      ).toMatch(/kubectl|psql|curl|argocd/);
    }
  });
});
