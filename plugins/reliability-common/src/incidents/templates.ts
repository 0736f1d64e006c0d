import { formatDuration } from './lifecycle';
import { Incident } from './types';

/**
 * The communication templates of the incident procedures.
 *
 * @public
 */
export const INCIDENT_TEMPLATE_NAMES = [
  'initialReport',
  'statusUpdate',
  'resolutionNotice',
  'executiveBrief',
  'statusPageMessage',
  'escalation',
] as const;

/**
 * One communication template.
 *
 * @public
 */
export type IncidentTemplateName = (typeof INCIDENT_TEMPLATE_NAMES)[number];

/**
 * The placeholders a template may use, as `{{name}}`; each is filled from
 * the incident record (and, for `update*`, from its latest status update).
 *
 * @public
 */
export const INCIDENT_TEMPLATE_PLACEHOLDERS = [
  'id',
  'title',
  'severity',
  'status',
  'component',
  'summary',
  'commander',
  'communications',
  'scribe',
  'startedAt',
  'detectedAt',
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
  'duration',
  'link',
  'updateNumber',
  'impact',
  'progress',
  'nextSteps',
  'nextUpdateAt',
] as const;

/**
 * A placeholder of the templates.
 *
 * @public
 */
export type IncidentTemplatePlaceholder =
  (typeof INCIDENT_TEMPLATE_PLACEHOLDERS)[number];

/**
 * Human-readable labels of the templates, for menus.
 *
 * @public
 */
export const INCIDENT_TEMPLATE_LABELS: Record<IncidentTemplateName, string> = {
  initialReport: 'Initial report',
  statusUpdate: 'Status update',
  resolutionNotice: 'Resolution notice',
  executiveBrief: 'Executive brief',
  statusPageMessage: 'Status page message',
  escalation: 'Escalation',
};

/**
 * The default templates, in Markdown.
 *
 * @public
 */
export const DEFAULT_INCIDENT_TEMPLATES: Record<IncidentTemplateName, string> =
  {
    initialReport: [
      '**[{{severity}}] {{id}}: {{title}}**',
      '',
      '- Status: {{status}}',
      '- Component: {{component}}',
      '- Started: {{startedAt}}',
      '- Incident commander: {{commander}}',
      '',
      '{{summary}}',
      '',
      'Next update by {{nextUpdateAt}}. Follow along: {{link}}',
    ].join('\n'),
    statusUpdate: [
      '**Update #{{updateNumber}} on {{id}} [{{severity}}]: {{title}}**',
      '',
      '- Status: {{status}}',
      '- Impact: {{impact}}',
      '- Progress: {{progress}}',
      '- Next steps: {{nextSteps}}',
      '',
      'Next update by {{nextUpdateAt}}. {{link}}',
    ].join('\n'),
    resolutionNotice: [
      '**Resolved: {{id}} [{{severity}}] {{title}}**',
      '',
      '- Resolved: {{resolvedAt}} after {{duration}}',
      '- Component: {{component}}',
      '- Impact: {{impact}}',
      '',
      'A postmortem follows. {{link}}',
    ].join('\n'),
    executiveBrief: [
      '**Executive brief: {{id}} [{{severity}}]**',
      '',
      '{{title}}. {{summary}}',
      '',
      '- Status: {{status}}, for {{duration}}',
      '- Customer impact: {{impact}}',
      '- Owner: {{commander}}',
      '- Next update by {{nextUpdateAt}}',
    ].join('\n'),
    statusPageMessage: [
      '**{{title}}**',
      '',
      'We are {{status}} an issue affecting {{component}}. {{impact}}',
      'Next update by {{nextUpdateAt}}.',
    ].join('\n'),
    escalation: [
      '**Escalation: {{id}} [{{severity}}] {{title}}**',
      '',
      'Not acknowledged since {{detectedAt}}. Please join now: {{link}}',
      '',
      '- Component: {{component}}',
      '- Incident commander: {{commander}}',
    ].join('\n'),
  };

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/**
 * The placeholders of a template that are not among
 * {@link INCIDENT_TEMPLATE_PLACEHOLDERS}.
 *
 * @public
 */
export function unknownTemplatePlaceholders(template: string): string[] {
  const known = new Set<string>(INCIDENT_TEMPLATE_PLACEHOLDERS);
  return [...template.matchAll(PLACEHOLDER)]
    .map(match => match[1])
    .filter(name => !known.has(name));
}

/**
 * Fills a template's `{{name}}` placeholders. One linear pass: a value is
 * never read as a template again, so what an incident says cannot inject
 * placeholders. Unknown or empty placeholders read `–`.
 *
 * @public
 */
export function renderIncidentTemplate(
  template: string,
  values: Partial<Record<IncidentTemplatePlaceholder, string | null>>,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = (values as Record<string, string | null | undefined>)[name];
    return value === undefined || value === null || value === '' ? '–' : value;
  });
}

/**
 * A status update as posted on the timeline.
 *
 * @public
 */
export interface IncidentStatusUpdate {
  number: number;
  status: string;
  impact: string;
  progress: string;
  nextSteps: string | null;
  nextUpdateAt: string | null;
}

/**
 * The placeholder values of an incident: times in UTC as people read them,
 * people as the `names` map gives them (falling back to the ref's name).
 *
 * @public
 */
export function incidentTemplateValues(
  incident: Incident,
  options: {
    link?: string;
    update?: IncidentStatusUpdate | null;
    names?: Record<string, string>;
    now?: Date;
    nextUpdateAt?: string | null;
  } = {},
): Record<IncidentTemplatePlaceholder, string | null> {
  const time = (iso: string | null | undefined) =>
    iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : null;
  const person = (ref: string | null) =>
    ref ? options.names?.[ref] ?? ref.replace(/^[^:]*:(?:[^/]*\/)?/, '') : null;
  const end = incident.resolvedAt
    ? Date.parse(incident.resolvedAt)
    : (options.now ?? new Date()).getTime();
  const duration = Math.max(0, (end - Date.parse(incident.startedAt)) / 1000);
  const update = options.update;
  return {
    id: incident.humanId ?? incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    component: person(incident.entityRef),
    summary: incident.summary,
    commander: person(incident.commander),
    communications: person(incident.communications),
    scribe: person(incident.scribe),
    startedAt: time(incident.startedAt),
    detectedAt: time(incident.detectedAt ?? incident.startedAt),
    acknowledgedAt: time(incident.acknowledgedAt),
    mitigatedAt: time(incident.mitigatedAt),
    resolvedAt: time(incident.resolvedAt),
    duration: formatDuration(duration),
    link: options.link ?? null,
    updateNumber: update ? String(update.number) : null,
    impact: update?.impact ?? null,
    progress: update?.progress ?? null,
    nextSteps: update?.nextSteps ?? null,
    nextUpdateAt: time(update?.nextUpdateAt ?? options.nextUpdateAt),
  };
}

/**
 * Markdown as plain text for chat and e-mail that do not render it: drops
 * emphasis, heading marks and code ticks, keeps links' text and address, and
 * keeps the lines, with list items as bullets. (For one line of text, as
 * snippets and summaries need, see {@link markdownToPlainText}.)
 *
 * @public
 */
export function markdownToMessageText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '$1 ($2)')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^(\s*)[-*]\s+/gm, '$1• ');
}
