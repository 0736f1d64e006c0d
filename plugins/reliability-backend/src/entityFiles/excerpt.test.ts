import { excerpt, quote, safeErrorMessage } from './excerpt';

describe('excerpt', () => {
  it.each([
    ['short', 'short'],
    [`${'a'.repeat(50)}`, `${'a'.repeat(39)}…`],
    ['line one\nline two\r\n', 'line one line two '],
    ['tab\tnul\u0000bell\u0007', 'tab nul bell '],
    ['\u202eevil\u2066', ' evil '],
    [`${'😀'.repeat(45)}`, `${'😀'.repeat(39)}…`],
    [1.5, '1.5'],
    [{ a: ['b'] }, '{"a":["b"]}'],
    [undefined, 'nothing'],
    [null, 'null'],
  ])('quotes %j as %j', (value, expected) => {
    expect(excerpt(value)).toBe(expected);
  });

  it('never gives more than the length asked for', () => {
    for (const value of [
      'x'.repeat(10_000),
      '\n'.repeat(100),
      '😀'.repeat(100),
    ]) {
      expect(Array.from(excerpt(value)).length).toBeLessThanOrEqual(40);
      expect(Array.from(excerpt(value, 10)).length).toBeLessThanOrEqual(10);
    }
  });
});

describe('quote', () => {
  it.each([
    ['Occurence', '"Occurence"'],
    [`${'a'.repeat(100)}`, `"${'a'.repeat(37)}…"`],
    ['say "hi"', '"say \\"hi\\""'],
    [0.999, '0.999'],
    [true, 'true'],
  ])('quotes %j as %s', (value, expected) => {
    expect(quote(value)).toBe(expected);
  });
});

describe('safeErrorMessage', () => {
  it.each([
    [
      new Error('Unexpected scalar token in YAML stream: "secret-value"'),
      'Unexpected scalar token in YAML stream: "secret-value"',
    ],
    [
      new Error(`Unresolved tag: !${'s'.repeat(100)}`),
      `Unresolved tag: !${'s'.repeat(38)}…`,
    ],
    [new Error('first line\nsecond line with the file'), 'first line'],
    ['Map keys must be unique', 'Map keys must be unique'],
    [
      new Error(`could not read https://host/${'p'.repeat(400)}, 500 Oops`),
      `could not read https://host/${'p'.repeat(211)}…`,
    ],
  ])('makes %p safe', (error, expected) => {
    expect(safeErrorMessage(error)).toBe(expected);
  });
});
