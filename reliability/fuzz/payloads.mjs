// Hostile values: wrong types, huge and deep values, awkward unicode, injection strings, bad refs,
// bad dates and path traversal. Deterministic for a given seed, so a failure can be replayed.

/** A small seeded PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element. */
export const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

/** Nested arrays (or objects) `depth` levels deep, as JSON text (JSON.stringify would recurse). */
export function deepJson(depth, kind = 'array') {
  return kind === 'array'
    ? '['.repeat(depth) + '1' + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Strings a user could really type or paste: unicode, emoji, RTL, SQL-ish and Markdown. */
export const STORABLE_STRINGS = [
  'Checkout 5xx spike — p99 > 2 s',
  'Zahlungsausfall: Größe überschritten (Ärger)',
  '支付服务超时 — 数据库连接池耗尽',
  'עברית: שירות התשלום נפל',
  'مرحبا \u202Eevil\u202C text with RTL override',
  'emoji 🔥🚒💥 and ZWJ 👩‍💻👨‍👩‍👧 and flags 🇩🇪🇺🇦',
  "Robert'); DROP TABLE incidents;--",
  "' OR '1'='1' --",
  '1; DELETE FROM postmortems WHERE 1=1',
  '"; SELECT pg_sleep(5); --',
  "x' UNION SELECT token FROM feed_tokens --",
  '%s %d %n %x {0} ${process.env} {{constructor}}',
  '<script>alert(1)</script>',
  '[link](javascript:alert(1)) <img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'tab\tnew\nline\r\nreturn',
  'combining e\u0301 a\u0308 and zero\u200Bwidth',
  'astral 𝕳𝖊𝖑𝖑𝖔 𐍈 and BOM \uFEFF inside',
  '\\u0000 literally, and backslashes \\\\',
  'quotes " \' ` and <>&',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'a'.repeat(250),
  '# Heading\n\n- list\n- `code`\n\n```sql\nSELECT 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |',
];

/** Strings that no valid write should store: NUL, lone surrogates, other control characters. */
export const UNSTORABLE_STRINGS = [
  'nul \u0000 inside',
  '\u0000',
  'lone high \uD800 surrogate',
  'lone low \uDC00 surrogate',
  'reversed \uDC00\uD800 pair',
  'trailing high \uD83D',
];

const HUGE = 'x'.repeat(300_000);

/** Any hostile JSON value, for any field. */
export function hostileValue(rnd) {
  const choices = [
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 1.5,
    () => 1e308,
    () => -0,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => '',
    () => ' ',
    () => [],
    () => {},
    () => ({ $gt: '' }),
    () => ({ __proto__: { admin: true } }),
    () => JSON.parse('{"__proto__": {"polluted": true}}'),
    () => ['a', 1, null],
    () => pick(rnd, STORABLE_STRINGS),
    () => pick(rnd, UNSTORABLE_STRINGS),
    () => HUGE,
    () => 'x'.repeat(256),
    () => '9'.repeat(400),
    () => '1e9999',
    () => 'NaN',
    () => 'Infinity',
    () => pick(rnd, BAD_REFS),
    () => pick(rnd, BAD_DATES),
    () => pick(rnd, TRAVERSALS),
    () => new Array(5000).fill('a'),
    () => nestedObject(rnd() < 0.5 ? 50 : 500),
  ];
  return pick(rnd, choices)();
}

function nestedObject(depth) {
  let value = { leaf: 1 };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Entity refs that are wrong, unknown or hostile. */
export const BAD_REFS = [
  'checkout',
  'component:',
  ':/',
  'component:default/',
  'component:/checkout',
  'component:default/does-not-exist',
  'user:default/nobody',
  'group:default/nobody',
  'component:default/checkout/../../etc',
  'component:default/ch\u0000eckout',
  'component:default/\uD800',
  "component:default/checkout' OR 1=1 --",
  'component:default/' + 'a'.repeat(300),
  'kind:ns/name:extra',
  'COMPONENT:DEFAULT/CHECKOUT',
  'component:default/checkout,component:default/cart,,,',
  ',',
  '%00',
  'component:default/%2e%2e%2f',
];

/** Dates that are malformed or out of range. */
export const BAD_DATES = [
  '2026-13-01',
  '2026-02-30',
  '2026-02-30T10:00:00Z',
  '2026-01-01T25:61:61Z',
  '0000-00-00T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z',
  '1970-01-01T00:00:00Z',
  'yesterday',
  '31/01/2027',
  '2026-01-01T00:00:00',
  '2026-01-01T00:00:00+99:99',
  '2026-01-01T00:00:00.123456789123Z',
  '1e12',
  '',
];

/** Path traversal and encoded path tricks, for ids, names and locations. */
export const TRAVERSALS = [
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '....//....//etc/passwd',
  '/etc/passwd',
  'file:///etc/passwd',
  'C:\\Windows\\win.ini',
  '%00',
  '%ff%fe',
  '%',
  '%E0%A4%A',
  '..',
  '.',
  'url:http://169.254.169.254/latest/meta-data/',
  'component:default/checkout/../../../etc/passwd',
];

/** Path segments: traversal, injection, unicode, junk ids — URL-encoded or raw. */
export function hostileSegment(rnd) {
  const raw = pick(rnd, [
    ...TRAVERSALS,
    ...BAD_REFS,
    "1' OR '1'='1",
    '00000000-0000-4000-8000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'not-a-uuid',
    '🔥',
    'a'.repeat(2000),
    '\u0000',
    '%u0000',
    '%uD800',
    '%F0%9F',
  ]);
  if (raw.includes('%') && rnd() < 0.5) return raw; // already encoded (or broken encoding)
  return rnd() < 0.7
    ? encodeURIComponent(safeEncodable(raw))
    : raw.replace(/[\s#?]/g, '_');
}

/** encodeURIComponent throws on lone surrogates. */
function safeEncodable(text) {
  return text.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80');
}

/** Query values: hostile strings, repeated keys (arrays), nested keys (objects). */
export function hostileQuery(rnd, keys) {
  const params = [];
  const count = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < count; i++) {
    const key =
      rnd() < 0.8
        ? pick(rnd, keys)
        : pick(rnd, ['__proto__[x]', 'a[b][c]', 'x', '']);
    const value = pick(rnd, [
      () => String(hostileValue(rnd)).slice(0, 3000),
      () => pick(rnd, BAD_DATES),
      () => pick(rnd, BAD_REFS),
      () => pick(rnd, TRAVERSALS),
      () => '-1',
      () => '0',
      () => '1e9',
      () => 'true',
    ])();
    const k = rnd() < 0.2 ? `${key}[]` : rnd() < 0.1 ? `${key}[nested]` : key;
    params.push(
      `${encodeURIComponent(k)}=${encodeURIComponent(safeEncodable(value))}`,
    );
    if (rnd() < 0.15) params.push(`${encodeURIComponent(key)}=again`);
  }
  return params.join('&');
}
