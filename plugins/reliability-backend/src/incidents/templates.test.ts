import { ConfigReader } from '@backstage/config';
import { DEFAULT_INCIDENT_TEMPLATES } from '@reliability-hub/plugin-reliability-common';
import { readIncidentTemplates } from './templates';

const read = (templates: object) =>
  readIncidentTemplates(
    new ConfigReader({ reliability: { incidents: { templates } } }),
  );

describe('readIncidentTemplates', () => {
  it('replaces the defaults it sets and keeps the others', () => {
    const templates = read({ statusPageMessage: '{{title}}: {{status}}' });
    expect(templates.statusPageMessage).toBe('{{title}}: {{status}}');
    expect(templates.initialReport).toBe(
      DEFAULT_INCIDENT_TEMPLATES.initialReport,
    );
  });

  it.each([
    [
      { statusPage: 'x' },
      /^Unknown template at reliability\.incidents\.templates\.statusPage/,
    ],
    [
      { escalation: 'Call {{owner}}' },
      /^Unknown placeholder at reliability\.incidents\.templates\.escalation: \{\{owner\}\}/,
    ],
  ])('refuses %j naming the key', (templates, message) => {
    expect(() => read(templates)).toThrow(message);
  });
});
