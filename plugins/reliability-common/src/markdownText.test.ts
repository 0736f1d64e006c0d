import { markdownToPlainText } from './markdownText';

describe('markdownToPlainText', () => {
  it.each([
    [
      '# Ledger mismatch\n\nThe **nightly** run failed.',
      'Ledger mismatch The nightly run failed.',
    ],
    [
      'See [the dashboard](https://grafana.example) and `kubectl`.',
      'See the dashboard and kubectl.',
    ],
    ['`code` and a `` tick ``', 'code and a tick'],
    ['- one\n- two\n* three\n1. four\n2) five', 'one two three four five'],
    ['> quoted _emphasis_ and ~~gone~~', 'quoted emphasis and gone'],
    ['before\n```sh\nrm -rf /\n```\nafter', 'before after'],
    ['before\n~~~\ncode\n~~~\nafter', 'before after'],
    [
      '![diagram](x.png) <details><summary>More</summary>hidden</details>',
      'diagram More hidden',
    ],
    [
      '| Time | What |\n|---|:---:|\n| 10:02 | paged |',
      'Time What 10:02 paged',
    ],
    ['snake_case_names and 2*3*4 stay', 'snake_case_names and 2*3*4 stay'],
    ['a < b and c > d', 'a < b and c > d'],
  ])('turns %j into %j', (markdown, expected) => {
    expect(markdownToPlainText(markdown)).toBe(expected);
  });

  it('drops an unclosed fence to the end rather than showing code', () => {
    expect(markdownToPlainText('text\n```\nsecret code')).toBe('text');
  });

  it('stays linear on input built to make patterns backtrack', () => {
    const hostile = [
      '[x]('.repeat(20000),
      '`'.repeat(20000),
      '*a'.repeat(20000),
      `a${'*'.repeat(20000)}a`,
      ' '.repeat(20000),
      `${'-'.repeat(20000)}x`,
      `<a${' '.repeat(20000)}`,
    ].join('\n');
    const started = process.hrtime.bigint();
    markdownToPlainText(hostile);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeLessThan(500);
  });
});
