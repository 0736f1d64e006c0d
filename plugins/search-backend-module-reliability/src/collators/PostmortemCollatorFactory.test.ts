import { Postmortem } from '@reliability-hub/plugin-reliability-common';
import { postmortemDocument } from './PostmortemCollatorFactory';
import { MAX_DOCUMENT_TEXT } from './boundedText';

const postmortem = (sections: Partial<Postmortem>): Postmortem => ({
  id: '6f1c1d9e-8a51-4a53-9a55-3c1f1f1f1f1f',
  entityRef: 'component:default/checkout',
  title: 'Checkout down',
  status: 'published',
  summary: 'The pool ran dry.',
  impact: '',
  timeline: '',
  rootCause: '',
  contributingFactors: '',
  wentWell: '',
  toImprove: '',
  lessonsLearned: '',
  impactUsersAffected: null,
  impactDurationMinutes: null,
  impactErrorBudget: null,
  author: 'user:default/alice',
  reviewers: [],
  incidentIds: [],
  publishedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
  ...sections,
});

describe('postmortemDocument', () => {
  it('keeps a postmortem of any length to a bounded text, from its start', () => {
    const section = 'word '.repeat(20_000);
    const document = postmortemDocument(
      postmortem({ rootCause: section, lessonsLearned: section }),
    );
    expect(document.text.length).toBeLessThanOrEqual(MAX_DOCUMENT_TEXT);
    expect(document.text.startsWith('The pool ran dry.\n\nword word')).toBe(
      true,
    );
    expect(document.text.endsWith('word …')).toBe(true);
  });

  it('indexes the sections as plain text, not Markdown', () => {
    expect(
      postmortemDocument(
        postmortem({
          summary: '## What happened\n\nThe **pool of 50** ran dry.',
          contributingFactors: '- no alert\n- `max_connections` too low',
        }),
      ).text,
    ).toBe(
      'What happened The pool of 50 ran dry.\n\nno alert max_connections too low',
    );
  });

  it('carries the severities of its incidents', () => {
    expect(
      postmortemDocument(postmortem({ incidentSeverities: ['SEV1', 'SEV3'] }))
        .severities,
    ).toEqual(['SEV1', 'SEV3']);
    expect(postmortemDocument(postmortem({})).severities).toEqual([]);
  });

  it('says when it is a drill’s debrief, and nothing otherwise', () => {
    expect(postmortemDocument(postmortem({ drill: 'tabletop' })).drill).toBe(
      'tabletop',
    );
    expect(postmortemDocument(postmortem({}))).not.toHaveProperty('drill');
  });

  it('keeps a short postmortem whole', () => {
    expect(
      postmortemDocument(postmortem({ rootCause: 'A config change.' })).text,
    ).toBe('The pool ran dry.\n\nA config change.');
  });
});
