import {
  DEFAULT_INCIDENT_TEMPLATES,
  incidentTemplateValues,
  markdownToMessageText,
  renderIncidentTemplate,
  unknownTemplatePlaceholders,
} from './templates';
import { Incident } from './types';

const incident: Incident = {
  id: '6c1f7c2e-0000-4000-8000-000000000001',
  humanId: 'INC-20261207-003',
  title: 'Checkout down',
  entityRef: 'component:default/checkout',
  severity: 'SEV1',
  status: 'identified',
  summary: 'Payments fail with 502 {{title}}',
  commander: 'user:default/lena.hoffmann',
  communications: null,
  scribe: null,
  source: 'portal',
  externalId: null,
  runbookUrl: null,
  startedAt: '2026-12-07T10:00:00.000Z',
  detectedAt: '2026-12-07T10:02:00.000Z',
  acknowledgedAt: null,
  mitigatedAt: null,
  resolvedAt: null,
  createdAt: '2026-12-07T10:02:00.000Z',
  updatedAt: '2026-12-07T10:02:00.000Z',
  version: 1,
};

describe('incident templates', () => {
  it('renders the status update from the record and the update, names for refs', () => {
    const text = renderIncidentTemplate(
      DEFAULT_INCIDENT_TEMPLATES.statusUpdate,
      incidentTemplateValues(incident, {
        update: {
          number: 2,
          status: 'identified',
          impact: 'All card payments',
          progress: 'Pool raised',
          nextSteps: null,
          nextUpdateAt: '2026-12-07T10:45:00.000Z',
        },
        link: 'https://portal/x',
      }),
    );
    expect(text).toContain(
      '**Update #2 on INC-20261207-003 [SEV1]: Checkout down**',
    );
    expect(text).toContain('- Impact: All card payments');
    expect(text).toContain('- Next steps: –');
    expect(text).toContain(
      'Next update by 2026-12-07 10:45 UTC. https://portal/x',
    );
  });

  it('never reads a value as a template', () => {
    const text = renderIncidentTemplate(
      '{{summary}}',
      incidentTemplateValues(incident),
    );
    expect(text).toBe('Payments fail with 502 {{title}}');
  });

  it('names people by the names given, else by the ref name', () => {
    const values = incidentTemplateValues(incident, {
      names: { 'user:default/lena.hoffmann': 'Lena Hoffmann' },
    });
    expect(values.commander).toBe('Lena Hoffmann');
    expect(incidentTemplateValues(incident).commander).toBe('lena.hoffmann');
    expect(values.component).toBe('checkout');
  });

  it('finds unknown placeholders', () => {
    expect(
      unknownTemplatePlaceholders('{{title}} {{ severity }} {{owner}}'),
    ).toEqual(['owner']);
    for (const template of Object.values(DEFAULT_INCIDENT_TEMPLATES)) {
      expect(unknownTemplatePlaceholders(template)).toEqual([]);
    }
  });

  it.each([
    ['**Bold** and __bold__', 'Bold and bold'],
    ['# Heading', 'Heading'],
    ['- item\n  - nested', '• item\n  • nested'],
    ['see [the page](https://x.example)', 'see the page (https://x.example)'],
    ['`kubectl get pods`', 'kubectl get pods'],
  ])('turns %j into plain text %j', (markdown, text) => {
    expect(markdownToMessageText(markdown)).toBe(text);
  });
});
