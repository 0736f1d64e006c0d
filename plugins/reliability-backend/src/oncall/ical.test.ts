import ICAL from 'ical.js';
import { escapeText, foldLine, renderCalendar } from './ical';

describe('escapeText', () => {
  it.each([
    ['plain', 'On call: lena', 'On call: lena'],
    ['TEXT specials', 'a;b,c\\d', 'a\\;b\\,c\\\\d'],
    ['CRLF', 'a\r\nb', 'a\\nb'],
    ['a lone CR', 'a\rb', 'a\\nb'],
    ['a lone LF', 'a\nb', 'a\\nb'],
    ['CR CR LF', 'a\r\r\nb', 'a\\n\\nb'],
    [
      'NEL and the Unicode line breaks',
      'a\u0085b\u2028c\u2029d',
      'a\\nb\\nc\\nd',
    ],
    [
      'other controls are dropped',
      'a\u0000b\u0007c\u001bd\u007fe\u009bf',
      'abcdef',
    ],
    ['a tab stays', 'a\tb', 'a\tb'],
  ])('%s', (_label, value, escaped) => {
    expect(escapeText(value)).toBe(escaped);
  });
});

describe('foldLine', () => {
  it.each([
    ['ASCII', `SUMMARY:${'x'.repeat(200)}`],
    ['two-byte letters', `SUMMARY:${'ä'.repeat(100)}`],
    ['emoji (four bytes)', `SUMMARY:${'🔥'.repeat(50)}`],
    ['mixed', `SUMMARY:${'aä€🔥'.repeat(40)}`],
  ])('folds %s at 75 octets without splitting a character', (_label, line) => {
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('renderCalendar', () => {
  it('keeps hostile names inside their values', () => {
    const hostile = [
      'user:default/jane\rATTENDEE:mailto:x@example.com',
      'user:default/jane\r\nATTENDEE:mailto:x@example.com',
      'user:default/jane\nBEGIN:VALARM',
      'user:default/jane\u0000\u001b',
    ];
    const text = renderCalendar({
      calendarName: 'On call: evil\rX-INJECTED:1',
      events: hostile.map((user, i) => ({
        scheduleId: '6a1f0000-0000-4000-8000-000000000001',
        scheduleName: `evil\r\nX-INJECTED:${i}`,
        shift: {
          start: `2026-12-0${i + 1}T08:00:00.000Z`,
          end: `2026-12-0${i + 2}T08:00:00.000Z`,
          user,
          layer: `nights\rEND:VEVENT`,
        },
      })),
      now: new Date('2026-12-01T00:00:00Z'),
    });
    for (const line of text.slice(0, -2).split('\r\n')) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getAllProperties().map(p => p.name)).toEqual([
      'version',
      'prodid',
      'calscale',
      'method',
      'x-wr-calname',
    ]);
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(hostile.length);
    events.forEach((event, i) => {
      expect(event.getAllSubcomponents()).toEqual([]);
      expect(event.getAllProperties().map(p => p.name)).toEqual([
        'uid',
        'dtstamp',
        'dtstart',
        'dtend',
        'summary',
        'description',
        'transp',
      ]);
      expect(event.getFirstPropertyValue('summary')).toContain(
        `(evil\nX-INJECTED:${i})`,
      );
    });
    // ical.js leaves the value of an X- property as written.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
      'On call: evil\\nX-INJECTED:1',
    );
  });

  it("says in each shift's description where its person stands in the escalation policy", () => {
    const shift = {
      start: '2026-12-01T08:00:00.000Z',
      end: '2026-12-02T08:00:00.000Z',
      user: 'user:default/jonas.weber',
      layer: 'primary',
    };
    const text = renderCalendar({
      calendarName: 'On call',
      events: [
        {
          scheduleId: '6a1f0000-0000-4000-8000-000000000001',
          scheduleName: 'checkout-primary',
          shift,
          escalation: { level: 1, afterMinutes: 0 },
        },
        {
          scheduleId: '6a1f0000-0000-4000-8000-000000000002',
          scheduleName: 'checkout-secondary',
          shift,
          escalation: { level: 2, afterMinutes: 15 },
        },
        {
          scheduleId: '6a1f0000-0000-4000-8000-000000000003',
          scheduleName: 'sre-daily',
          shift,
        },
      ],
      now: new Date('2026-12-01T00:00:00Z'),
    });
    const descriptions = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents('vevent')
      .map(event => event.getFirstPropertyValue('description'));
    expect(descriptions).toEqual([
      'user:default/jonas.weber is on call for checkout-primary (layer primary). Escalation level 1: paged at once.',
      'user:default/jonas.weber is on call for checkout-secondary (layer primary). Escalation level 2: paged 15 min after an unacknowledged alert.',
      'user:default/jonas.weber is on call for sre-daily (layer primary).',
    ]);
  });
});
