import { contentHash } from './contentHash';
import { DB_POOL_YAML, ROLLBACK_MARKDOWN } from '../__testUtils__/runbookFiles';
import { isMarkdownRunbookFile } from './frontMatter';
import { parseRunbookFile } from './parseRunbookFile';
import { formatFieldPath, formatRunbookProblem } from './problems';

const MINIMAL = `id: minimal
title: Minimal
steps:
  - title: Do the thing
`;

function replaced(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) {
    throw new Error(`fixture does not contain ${String(from)}`);
  }
  return out;
}

describe('parseRunbookFile', () => {
  it('parses a valid YAML runbook', () => {
    const { runbooks, problems } = parseRunbookFile(
      DB_POOL_YAML,
      'runbooks/db-pool.yaml',
    );
    expect(problems).toEqual([]);
    expect(runbooks).toHaveLength(1);
    const [runbook] = runbooks;
    expect(runbook).toMatchObject({
      id: 'db-connection-pool-exhaustion',
      title: 'Database connection pool exhaustion',
      entityRef: 'component:default/checkout',
      incidentType: 'saturation',
      severity: 'SEV2',
      alerts: ['CheckoutDBPoolSaturated', 'CheckoutHighLatencyP99'],
      tags: ['database', 'postgres', 'checkout'],
      owner: 'group:default/payments-team',
      lastReviewed: '2026-09-01',
      reviewIntervalDays: 30,
      prerequisites: [
        'kubectl access to the checkout namespace',
        'read access to the checkout Grafana dashboards',
      ],
      verification: [
        'CheckoutDBPoolSaturated has resolved',
        'p99 latency of POST /orders is back under 400 ms',
      ],
      escalation: [
        {
          level: 1,
          who: 'payments on-call',
          contact: 'pagerduty:payments-primary',
          after: '15 minutes without mitigation',
        },
        {
          level: 2,
          who: 'database platform team',
          contact: '#db-platform',
          after: '30 minutes',
        },
      ],
      source: { file: 'runbooks/db-pool.yaml', documentIndex: 0, line: 2 },
    });
    expect(runbook.description).toContain('PostgreSQL connection pool');
    expect(runbook.steps.map(s => s.id)).toEqual(['1', '2', '3']);
    expect(runbook.steps[0]).toEqual({
      id: '1',
      title: 'Confirm pool saturation',
      description: "Check the pool usage panel and the pods' resource usage.",
      commands: [
        { run: 'kubectl -n checkout top pods' },
        {
          run: 'kubectl -n checkout logs deploy/checkout --since=10m | grep -i "pool"',
          description: 'Look for "timeout acquiring connection"',
        },
      ],
      expected: 'Pool usage above 80 % on at least one pod',
      decisions: [
        {
          condition: 'pool usage > 90 %',
          action: 'skip the slow-query hunt and relieve pressure first',
          next: '3',
        },
      ],
    });
    expect(runbook.steps[1].commands[0].run).toMatch(
      /^psql "\$CHECKOUT_DB_URL" -c "select pid/,
    );
    expect(runbook.steps[1].decisions[0].next).toBeUndefined();
  });

  it('parses a valid Markdown runbook, the body becoming the description', () => {
    const { runbooks, problems } = parseRunbookFile(
      ROLLBACK_MARKDOWN,
      'docs/rollback.md',
    );
    expect(problems).toEqual([]);
    expect(runbooks).toHaveLength(1);
    expect(runbooks[0]).toMatchObject({
      id: 'checkout-rollback',
      entityRef: 'component:default/checkout',
      severity: 'SEV1',
      owner: 'group:default/payments-team',
      lastReviewed: '2026-10-15',
      reviewIntervalDays: 90,
      description:
        '# Roll back a bad checkout deployment\n\nUse this when the error rate of checkout jumps right after a deploy.',
      source: { file: 'docs/rollback.md', documentIndex: 0, line: 2 },
    });
    // Steps without ids are numbered by position, so `next: 1` is valid.
    expect(runbooks[0].steps.map(s => s.id)).toEqual(['1', '2']);
    expect(runbooks[0].steps[1].decisions[0].next).toBe('1');
  });

  it('keeps a front-matter description over the Markdown body', () => {
    const text = replaced(
      ROLLBACK_MARKDOWN,
      'severity: SEV1',
      'severity: SEV1\ndescription: From the front matter',
    );
    const { runbooks } = parseRunbookFile(text, 'rollback.markdown');
    expect(runbooks[0].description).toBe('From the front matter');
  });

  it('reads Windows line endings and a byte-order mark', () => {
    const text = `\uFEFF${ROLLBACK_MARKDOWN.replace(/\n/g, '\r\n')}`;
    const { runbooks, problems } = parseRunbookFile(text, 'rollback.md');
    expect(problems).toEqual([]);
    expect(runbooks[0].description).toMatch(/^# Roll back/);
  });

  it('reads several runbooks from one multi-document YAML file', () => {
    const text = `---\n${MINIMAL}---\n${MINIMAL.replace(
      'id: minimal',
      'id: second',
    )}---\n`;
    const { runbooks, problems } = parseRunbookFile(text, 'all.yaml');
    expect(problems).toEqual([]);
    expect(runbooks.map(r => [r.id, r.source.documentIndex])).toEqual([
      ['minimal', 0],
      ['second', 1],
    ]);
  });

  it('keeps the valid documents of a file whose other documents are invalid', () => {
    const text = `${MINIMAL}---\nid: Bad Id\ntitle: x\nsteps: [{ title: y }]\n`;
    const { runbooks, problems } = parseRunbookFile(text, 'mixed.yaml');
    expect(runbooks.map(r => r.id)).toEqual(['minimal']);
    expect(problems).toEqual([
      expect.objectContaining({ documentIndex: 1, field: 'id', line: 6 }),
    ]);
  });

  it('applies defaults for optional lists and the review interval', () => {
    const { runbooks } = parseRunbookFile(MINIMAL, 'minimal.yml');
    expect(runbooks[0]).toEqual({
      id: 'minimal',
      title: 'Minimal',
      alerts: [],
      tags: [],
      reviewIntervalDays: 90,
      prerequisites: [],
      steps: [{ id: '1', title: 'Do the thing', commands: [], decisions: [] }],
      verification: [],
      escalation: [],
      source: { file: 'minimal.yml', documentIndex: 0, line: 1 },
    });
  });

  it.each`
    file             | text                         | markdown
    ${'a.md'}        | ${'id: x'}                   | ${true}
    ${'a.MARKDOWN'}  | ${'id: x'}                   | ${true}
    ${'a.yaml'}      | ${'---\nid: x\n---\nbody'}   | ${false}
    ${'a.yml'}       | ${'id: x'}                   | ${false}
    ${'runbook'}     | ${'---\nid: x\n---\n# Body'} | ${true}
    ${'runbook.txt'} | ${'id: x'}                   | ${false}
  `('treats $file as Markdown: $markdown', ({ file, text, markdown }) => {
    expect(isMarkdownRunbookFile(file, text)).toBe(markdown);
  });

  describe('rejects invalid files, naming file and field', () => {
    const yamlCases: Array<[string, string, string, string, number?]> = [
      [
        'missing id',
        replaced(DB_POOL_YAML, /^id: .*\n/m, ''),
        'id',
        'is required',
        2,
      ],
      [
        'missing title',
        replaced(DB_POOL_YAML, /^title: .*\n/m, ''),
        'title',
        'is required',
        2,
      ],
      [
        'empty title',
        replaced(DB_POOL_YAML, /^title: .*$/m, 'title: "  "'),
        'title',
        'must not be empty',
        3,
      ],
      [
        'bad id format',
        replaced(DB_POOL_YAML, /^id: .*$/m, 'id: DB_Pool Exhaustion'),
        'id',
        'is not kebab-case',
        2,
      ],
      [
        'numeric id',
        replaced(DB_POOL_YAML, /^id: .*$/m, 'id: 42'),
        'id',
        'must be a string',
        2,
      ],
      [
        'duplicate step ids',
        replaced(DB_POOL_YAML, '  - id: 2\n', '  - id: 1\n'),
        'steps[1].id',
        'duplicate step id "1" (already used by steps[0])',
        33,
      ],
      [
        'decision to a missing step',
        replaced(DB_POOL_YAML, 'next: 3', 'next: 7'),
        'steps[0].decisions[0].next',
        'refers to step "7", which does not exist (valid step ids: 1, 2, 3)',
        32,
      ],
      [
        'bad step id',
        replaced(DB_POOL_YAML, '  - id: 2\n', '  - id: Step Two\n'),
        'steps[1].id',
        'must be a kebab-case id or a step number',
        33,
      ],
      [
        'decision without action',
        replaced(DB_POOL_YAML, /^ {8}action: skip.*\n/m, ''),
        'steps[0].decisions[0].action',
        'is required',
        30,
      ],
      [
        'invalid lastReviewed',
        replaced(DB_POOL_YAML, '2026-09-01', '2026-02-30'),
        'lastReviewed',
        '"2026-02-30" is not a valid date (expected YYYY-MM-DD)',
        12,
      ],
      [
        'lastReviewed in another format',
        replaced(DB_POOL_YAML, '2026-09-01', '01/09/2026'),
        'lastReviewed',
        'is not a valid date',
        12,
      ],
      [
        'unknown severity',
        replaced(DB_POOL_YAML, 'severity: sev2', 'severity: P1'),
        'severity',
        'unknown severity "P1" (expected one of SEV1, SEV2, SEV3, SEV4)',
        6,
      ],
      [
        'numeric severity',
        replaced(DB_POOL_YAML, 'severity: sev2', 'severity: 2'),
        'severity',
        'must be one of SEV1, SEV2, SEV3, SEV4',
        6,
      ],
      [
        'a command that is a number',
        replaced(
          DB_POOL_YAML,
          '      - kubectl -n checkout top pods',
          '      - 42',
        ),
        'steps[0].commands[0]',
        'a command must be a string or { run: string, description?: string }',
        25,
      ],
      [
        'a command whose run is not a string',
        replaced(
          DB_POOL_YAML,
          '      - kubectl -n checkout top pods',
          '      - run: [kubectl, top]',
        ),
        'steps[0].commands[0].run',
        'must be a non-empty string',
        25,
      ],
      [
        'commands that are not a list',
        replaced(
          DB_POOL_YAML,
          /commands:\n {6}- kubectl -n checkout scale.*\n.*\n/,
          'commands: kubectl -n checkout scale deploy/checkout\n',
        ),
        'steps[2].commands',
        'must be a list of commands',
        45,
      ],
      [
        'a tag that is not a string',
        replaced(
          DB_POOL_YAML,
          'tags: [Database, postgres, checkout]',
          'tags: [Database, {a: b}]',
        ),
        'tags[1]',
        'must be a string',
        10,
      ],
      [
        'alerts not a list',
        replaced(DB_POOL_YAML, /alerts:\n.*\n.*\n/, 'alerts: 7\n'),
        'alerts',
        'must be a list of strings',
        7,
      ],
      [
        'unknown field',
        replaced(DB_POOL_YAML, 'tags:', 'lastReviewd: 2026-09-01\ntags:'),
        'lastReviewd',
        'unknown field "lastReviewd"',
        10,
      ],
      [
        'unknown step field',
        replaced(
          DB_POOL_YAML,
          '    expected: Pool usage',
          '    expect: Pool usage',
        ),
        'steps[0].expect',
        'unknown field "expect"',
        28,
      ],
      [
        'no steps',
        replaced(
          DB_POOL_YAML,
          /^steps:[\s\S]*(?=^verification:)/m,
          'steps: []\n',
        ),
        'steps',
        'must have at least one step',
        20,
      ],
      [
        'bad review interval',
        replaced(
          DB_POOL_YAML,
          'reviewIntervalDays: 30',
          'reviewIntervalDays: 30d',
        ),
        'reviewIntervalDays',
        'must be a whole number of days',
        13,
      ],
      [
        'escalation without level or who',
        replaced(
          DB_POOL_YAML,
          /^ {2}- level: 2\n {4}who: .*\n {4}contact/m,
          '  - contact',
        ),
        'escalation[1]',
        'an escalation needs a level or a who',
        61,
      ],
      [
        'escalation without contact',
        replaced(DB_POOL_YAML, /^ {4}contact: "#db-platform"\n/m, ''),
        'escalation[1].contact',
        'is required',
        61,
      ],
      [
        'bad owner',
        replaced(
          DB_POOL_YAML,
          'owner: payments-team',
          'owner: component:default/checkout',
        ),
        'owner',
        'is not an owner',
        11,
      ],
      [
        'service and entityRef disagree',
        replaced(
          DB_POOL_YAML,
          'service: checkout',
          'service: checkout\nentityRef: component:default/cart',
        ),
        'service',
        'conflicts with entityRef "component:default/cart"',
        4,
      ],
      [
        'YAML syntax error',
        replaced(
          DB_POOL_YAML,
          'title: Database connection pool exhaustion',
          'title: [unclosed',
        ),
        '',
        'YAML syntax error',
        // reported where the parser notices: the line after the open "["
        4,
      ],
      [
        'duplicate key',
        replaced(
          DB_POOL_YAML,
          'severity: sev2',
          'severity: sev2\nseverity: sev3',
        ),
        '',
        'YAML syntax error: Map keys must be unique',
        7,
      ],
      [
        'not a mapping',
        '- a\n- b\n',
        '',
        'a runbook must be a mapping of fields (id, title, steps, …), not a list',
        1,
      ],
      ['an empty file', '', '', 'the file contains no runbook', undefined],
    ];

    it.each(yamlCases)('%s', (_name, text, field, message, line) => {
      const { runbooks, problems } = parseRunbookFile(text, 'runbooks/db.yaml');
      expect(runbooks).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({
        file: 'runbooks/db.yaml',
        documentIndex: 0,
        field,
      });
      expect(problems[0].line).toBe(line);
      expect(problems[0].message).toContain(message);
    });

    const markdownCases: Array<[string, string, string, string, number]> = [
      [
        'Markdown without front matter',
        '# Roll back\n\nJust prose.\n',
        '',
        'Markdown runbook has no YAML front matter',
        1,
      ],
      [
        'unclosed front matter',
        '---\nid: x\ntitle: y\n',
        '',
        'is never closed',
        1,
      ],
      [
        'a bad field in front matter (line counted in the file)',
        replaced(
          ROLLBACK_MARKDOWN,
          'lastReviewed: 2026-10-15',
          'lastReviewed: 2026-13-01',
        ),
        'lastReviewed',
        '"2026-13-01" is not a valid date',
        9,
      ],
      [
        'a missing step in front matter',
        replaced(ROLLBACK_MARKDOWN, 'next: 1', 'next: verify'),
        'steps[1].decisions[0].next',
        'refers to step "verify", which does not exist (valid step ids: 1, 2)',
        21,
      ],
      [
        'a YAML error in front matter',
        replaced(ROLLBACK_MARKDOWN, 'severity: SEV1', 'severity: [SEV1'),
        '',
        'YAML syntax error',
        6,
      ],
    ];

    it.each(markdownCases)('%s', (_name, text, field, message, line) => {
      const { runbooks, problems } = parseRunbookFile(text, 'docs/rollback.md');
      expect(runbooks).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({
        file: 'docs/rollback.md',
        documentIndex: 0,
        field,
        line,
      });
      expect(problems[0].message).toContain(message);
    });

    it('reports a duplicate runbook id across documents', () => {
      const { runbooks, problems } = parseRunbookFile(
        `${MINIMAL}---\n${MINIMAL}`,
        'dup.yaml',
      );
      expect(runbooks.map(r => r.id)).toEqual(['minimal']);
      expect(problems).toEqual([
        {
          file: 'dup.yaml',
          documentIndex: 1,
          line: 6,
          field: 'id',
          message:
            'duplicate runbook id "minimal" (already used by document 1 of this file)',
        },
      ]);
    });

    it('reports every problem of a document', () => {
      const { problems } = parseRunbookFile(
        'id: Nope\nseverity: P0\nsteps:\n  - title: a\n    commands: [1]\n',
        'many.yaml',
      );
      expect(problems.map(p => p.field)).toEqual([
        'id',
        'title',
        'severity',
        'steps[0].commands[0]',
      ]);
    });

    it.each([null, undefined, 42, {}] as unknown[])(
      'never throws, even for %p as text',
      text => {
        const result = parseRunbookFile(text as string, 'weird.yaml');
        expect(result.runbooks).toEqual([]);
        expect(result.problems.length).toBeGreaterThan(0);
      },
    );

    it('stops alias bombs instead of expanding them', () => {
      const bomb = [
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
        ...Array.from(
          { length: 8 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
              98 + i,
            )} [${Array(10)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(',')}]`,
        ),
      ].join('\n');
      const { runbooks, problems } = parseRunbookFile(bomb, 'bomb.yaml');
      expect(runbooks).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toMatch(/^YAML could not be read/);
    });
  });
});

describe('formatRunbookProblem', () => {
  it.each`
    problem                                                                                                 | text
    ${{ file: 'a.yaml', documentIndex: 0, line: 12, field: 'steps[2].decisions[0].next', message: 'boom' }} | ${'a.yaml, document 1 (line 12), steps[2].decisions[0].next: boom'}
    ${{ file: 'a.yaml', documentIndex: 2, field: 'id', message: 'is required' }}                            | ${'a.yaml, document 3, id: is required'}
    ${{ file: 'a.md', documentIndex: 0, line: 1, field: '', message: 'no front matter' }}                   | ${'a.md, document 1 (line 1): no front matter'}
  `('formats $text', ({ problem, text }) => {
    expect(formatRunbookProblem(problem)).toBe(text);
  });

  it('formats real problems end to end', () => {
    const { problems } = parseRunbookFile(
      replaced(DB_POOL_YAML, 'next: 3', 'next: 9'),
      'catalog/checkout/runbooks.yaml',
    );
    expect(problems.map(formatRunbookProblem)).toEqual([
      'catalog/checkout/runbooks.yaml, document 1 (line 32), steps[0].decisions[0].next: refers to step "9", which does not exist (valid step ids: 1, 2, 3)',
    ]);
  });
});

describe('formatFieldPath', () => {
  it.each`
    path                                    | field
    ${[]}                                   | ${''}
    ${['id']}                               | ${'id'}
    ${['steps', 2, 'decisions', 0, 'next']} | ${'steps[2].decisions[0].next'}
    ${['tags', 1]}                          | ${'tags[1]'}
  `('$path → $field', ({ path, field }) => {
    expect(formatFieldPath(path)).toBe(field);
  });
});

describe('contentHash', () => {
  it.each`
    text     | hash
    ${''}    | ${'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'}
    ${'abc'} | ${'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'}
  `('hashes "$text"', ({ text, hash }) => {
    expect(contentHash(text)).toBe(hash);
  });

  it('changes when the file changes', () => {
    expect(contentHash(DB_POOL_YAML)).not.toBe(
      contentHash(`${DB_POOL_YAML}\n`),
    );
  });
});
