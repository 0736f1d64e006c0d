import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { findUnstorableText, parseInput } from './validation';

describe('findUnstorableText', () => {
  it.each([
    ['plain text', { title: 'Checkout 5xx spike' }, undefined],
    ['emoji and ZWJ sequences', { title: '🔥 👩‍💻 🇩🇪' }, undefined],
    ['astral letters', { notes: ['𝕳𝖊𝖑𝖑𝖔'] }, undefined],
    ['RTL and zero-width marks', { t: '\u202Eabc\u202C\u200B' }, undefined],
    ['NUL in a field', { title: 'a\u0000b' }, 'title'],
    ['a lone high surrogate', { summary: 'x\uD800' }, 'summary'],
    ['a lone low surrogate', { summary: '\uDC00x' }, 'summary'],
    ['a reversed pair', { summary: '\uDC00\uD800' }, 'summary'],
    [
      'a nested field',
      { alerts: [{ labels: { a: '\u0000' } }] },
      'alerts.0.labels.a',
    ],
    ['a key', { labels: { 'a\uD800': 'x' } }, 'labels.a\uD800'],
    ['a bare string', 'x\u0000', 'value'],
  ])('%s', (_name, input, expected) => {
    expect(findUnstorableText(input)).toBe(expected);
  });

  it('terminates on input that contains itself (a YAML alias cycle)', () => {
    const cyclic: any[] = ['ok'];
    cyclic.push(cyclic, cyclic);
    expect(findUnstorableText({ name: cyclic })).toBeUndefined();
    cyclic.push('\u0000');
    expect(findUnstorableText({ name: cyclic })).toBe('name.3');
  });

  it('walks deeply nested input without overflowing the stack', () => {
    let value: unknown = 'leaf\u0000';
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(findUnstorableText(value)).toMatch(/^0(\.0)+$/);
  });
});

describe('parseInput', () => {
  const schema = z.object({ title: z.string() }).strict();

  it('refuses text no database stores as sent, naming the field', () => {
    expect(() =>
      parseInput(schema, { title: 'lone \uD800 surrogate' }, 'incident'),
    ).toThrow(
      new InputError(
        'Invalid incident: title: must not contain NUL characters or unpaired UTF-16 surrogates',
      ),
    );
    expect(() =>
      parseInput(schema, { title: 'nul \u0000' }, 'incident'),
    ).toThrow(/Invalid incident: title: must not contain NUL/);
  });

  it('keeps valid unicode byte-identical', () => {
    const title = "Robert'); DROP TABLE incidents;-- 支付 עברית 🔥";
    expect(parseInput(schema, { title }, 'incident')).toEqual({ title });
  });
});
