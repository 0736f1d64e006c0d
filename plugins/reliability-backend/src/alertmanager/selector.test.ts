import { matchesAlertLabels, parseAlertSelector } from './selector';

describe('parseAlertSelector', () => {
  it.each([
    [
      'service=checkout',
      [{ name: 'service', operator: '=', value: 'checkout' }],
    ],
    [
      ' service = checkout , env != "staging" ',
      [
        { name: 'service', operator: '=', value: 'checkout' },
        { name: 'env', operator: '!=', value: 'staging' },
      ],
    ],
    [
      '{service="checkout", team=~"pay.*",}',
      [
        { name: 'service', operator: '=', value: 'checkout' },
        { name: 'team', operator: '=~', value: 'pay.*' },
      ],
    ],
    [
      'service=~"checkout|cart", instance!~"canary-.*"',
      [
        { name: 'service', operator: '=~', value: 'checkout|cart' },
        { name: 'instance', operator: '!~', value: 'canary-.*' },
      ],
    ],
    [
      'service="a,b", note="say \\"hi\\"\\\\"',
      [
        { name: 'service', operator: '=', value: 'a,b' },
        { name: 'note', operator: '=', value: 'say "hi"\\' },
      ],
    ],
    [
      'service=~"x{1,2}"',
      [{ name: 'service', operator: '=~', value: 'x{1,2}' }],
    ],
    [
      'job="", service=checkout',
      [
        { name: 'job', operator: '=', value: '' },
        { name: 'service', operator: '=', value: 'checkout' },
      ],
    ],
  ])('parses %p', (selector, expected) => {
    expect(
      parseAlertSelector(selector).map(({ name, operator, value }) => ({
        name,
        operator,
        value,
      })),
    ).toEqual(expected);
  });

  it.each([
    ['', /no matchers/],
    ['{}', /no matchers/],
    ['{service=checkout', /missing closing }/],
    ['service', /service: expected one of =, !=, =~, !~/],
    [
      'service==checkout',
      /service: value "=checkout" starts with an operator character/,
    ],
    ['service=', /service: missing value/],
    ['1service=checkout', /expected a label name/],
    ['service="checkout', /service: unterminated quoted value/],
    ['service="checkout" env=prod', /expected a comma/],
    ['service="a\\x"', /unknown escape \\x/],
    ['service=~"(unclosed"', /service: bad regular expression/],
    // RE2 has no backreferences and no lookaround, as in Alertmanager.
    ['service=~"(a)\\\\1"', /service: bad regular expression/],
    ['service=~"(?=a)a"', /service: bad regular expression/],
    ['service=~"a{1001}"', /service: bad regular expression/],
    ['service=check"out', /stray quote/],
    [
      'team!=payments',
      /at least one matcher that does not match an empty label/,
    ],
    ['service=~".*"', /at least one matcher/],
  ])('rejects %p', (selector, message) => {
    expect(() => parseAlertSelector(selector)).toThrow(message);
    expect(() => parseAlertSelector(selector)).toThrow(
      `Invalid alert selector ${JSON.stringify(selector)}`,
    );
  });
});

describe('the size of regular expressions', () => {
  it('refuses one longer than 512 characters', () => {
    expect(() => parseAlertSelector(`service=~"${'a|'.repeat(300)}a"`)).toThrow(
      'service: regular expression longer than 512 characters',
    );
  });

  it('refuses one that compiles to a large program', () => {
    expect(() =>
      parseAlertSelector(`service=~"${'[a-z]{1000}'.repeat(6)}"`),
    ).toThrow('service: regular expression too large');
  });
});

describe('matchesAlertLabels', () => {
  const labels = {
    alertname: 'HighErrorRate',
    service: 'checkout',
    env: 'production',
    instance: 'checkout-7f9c',
  };

  it.each([
    ['service=checkout', true],
    ['service=cart', false],
    ['service=Checkout', false],
    ['service=checkout, env=production', true],
    ['service=checkout, env=staging', false],
    ['env=production, service!=cart', true],
    ['env=production, service!=checkout', false],
    ['service=~"check.*"', true],
    // Anchored at both ends, as in Prometheus.
    ['service=~"check"', false],
    ['service=~"heck.*"', false],
    ['service=~"checkout|cart"', true],
    ['service=~"(?i)CHECKOUT"', true],
    ['service=checkout, instance!~"canary-.*"', true],
    ['service=checkout, instance!~"checkout-.*"', false],
    // An absent label is the empty string.
    ['service=checkout, team=""', true],
    ['service=checkout, team!=payments', true],
    ['service=checkout, team=payments', false],
    ['service=checkout, team=~"pay.*"', false],
    ['service=checkout, team!~"pay.*"', true],
  ])('%p → %p', (selector, expected) => {
    expect(matchesAlertLabels(parseAlertSelector(selector), labels)).toBe(
      expected,
    );
  });

  it('matches regexes in linear time, as Alertmanager (RE2) does', () => {
    const matchers = parseAlertSelector('service=~"(a+)+b"');
    // A backtracking engine takes seconds on 30 characters, hours on 40.
    for (const length of [30, 40, 1024]) {
      const started = Date.now();
      expect(
        matchesAlertLabels(matchers, { service: 'a'.repeat(length) }),
      ).toBe(false);
      expect(Date.now() - started).toBeLessThan(100);
    }
    expect(matchesAlertLabels(matchers, { service: 'aaab' })).toBe(true);
  });

  it('lets no regex matcher accept a label value longer than 1 KiB', () => {
    const long = `checkout${'x'.repeat(1024)}`;
    expect(
      matchesAlertLabels(parseAlertSelector('service=~"checkout.*"'), {
        service: long,
      }),
    ).toBe(false);
    expect(
      matchesAlertLabels(
        parseAlertSelector('env=production, service!~"cart.*"'),
        { env: 'production', service: long },
      ),
    ).toBe(false);
    expect(
      matchesAlertLabels(parseAlertSelector('service=~"checkout.*"'), {
        service: long.slice(0, 1024),
      }),
    ).toBe(true);
  });

  it('does not read labels from the prototype', () => {
    expect(
      matchesAlertLabels(parseAlertSelector('toString=~".+"'), {
        service: 'x',
      }),
    ).toBe(false);
  });
});
