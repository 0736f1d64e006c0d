import { onCallHealthToCsv } from './healthCsv';
import { ScheduleHealth } from './healthQuery';

const health: ScheduleHealth = {
  scheduleId: 's1',
  name: 'checkout, primary',
  ownerRef: 'group:default/team-checkout',
  period: { kind: 'week', start: '2026-11-02', end: '2026-11-08' },
  componentCount: 2,
  incidentsLimited: false,
  from: '2026-11-01T23:00:00.000Z',
  to: '2026-11-08T23:00:00.000Z',
  hours: 168,
  timeZone: 'Europe/Berlin',
  people: [
    {
      user: 'user:default/lena',
      timeZone: 'America/New_York',
      timeZoneSource: 'person',
      inRotation: true,
      shifts: 2,
      onCallHours: 100 / 3,
      outOfHoursHours: 20.5,
      weekendHours: 0,
      incidents: 1,
      longestStretchHours: 30,
    },
    {
      user: 'user:default/mallory',
      timeZone: 'Europe/Berlin',
      timeZoneSource: 'schedule',
      inRotation: false,
      shifts: 0,
      onCallHours: 0,
      outOfHoursHours: 0,
      weekendHours: 0,
      incidents: 0,
      longestStretchHours: 0,
    },
  ],
  totals: {
    shifts: 2,
    onCallHours: 100 / 3,
    outOfHoursHours: 20.5,
    weekendHours: 0,
    incidents: 1,
    incidentsInGaps: 0,
    longestStretchHours: 30,
  },
  fairness: null,
  gaps: [],
  gapHours: 0,
};

describe('onCallHealthToCsv', () => {
  it('writes one row per person, and catalog names as text a spreadsheet will not run', () => {
    const names: Record<string, string> = {
      'user:default/lena': 'Lena Hoffmann',
      'user:default/mallory': '=HYPERLINK("https://evil.example","Mallory")',
    };
    expect(onCallHealthToCsv(health, ref => names[ref]).split('\r\n')).toEqual([
      'schedule,period start,period end,person,name,time zone,time zone from,in rotation,shifts,on-call hours,out-of-hours hours,weekend hours,incidents during shifts,longest stretch hours',
      '"checkout, primary",2026-11-02,2026-11-08,user:default/lena,Lena Hoffmann,America/New_York,person,yes,2,33.33,20.5,0,1,30',
      '"checkout, primary",2026-11-02,2026-11-08,user:default/mallory,"\'=HYPERLINK(""https://evil.example"",""Mallory"")",Europe/Berlin,schedule,no,0,0,0,0,0,0',
      '',
    ]);
  });
});
