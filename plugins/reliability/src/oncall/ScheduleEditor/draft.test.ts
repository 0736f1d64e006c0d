import { makeScheduleRecord } from '../../__testUtils__';
import {
  draftErrors,
  draftOf,
  emptyDraft,
  requestOf,
  serverFieldErrors,
  updateRequestOf,
} from './draft';

describe('schedule drafts', () => {
  it('names every field the shared rules refuse, as the editor shows them', () => {
    const draft = draftOf(makeScheduleRecord());
    draft.layers = [
      {
        ...draft.layers[0],
        participants: [],
        rotation: { length: NaN, unit: 'weeks' },
        restrictions: [{ from: '8', to: '16:00', timeZone: 'Mars/Olympus' }],
      },
    ];
    draft.escalation = [{ delayMinutes: 2000, target: { schedule: 'x' } }];
    expect(draftErrors(draft)).toEqual({
      'layers[0].participants': 'must list at least one user',
      'layers[0].rotation.length': 'must be a whole number from 1 to 1000',
      'layers[0].restrictions[0].from': 'must be HH:mm',
      'layers[0].restrictions[0].timeZone': 'unknown time zone "Mars/Olympus"',
      'escalationPolicy.levels[0].delayMinutes': expect.stringMatching(/1440/),
    });
  });

  it('asks for a name and an owner group before a new schedule is sent', () => {
    const errors = draftErrors(emptyDraft(null));
    expect(errors.name).toBeDefined();
    expect(errors.ownerRef).toBe('Pick the group that owns the schedule');
    expect(errors['layers[0].participants']).toBeDefined();
  });

  it('finds nothing wrong with a stored schedule, and sends it back unchanged', () => {
    const record = makeScheduleRecord();
    const draft = draftOf(record);
    expect(draftErrors(draft)).toEqual({});
    expect(updateRequestOf(draft, record)).toEqual({
      name: record.name,
      ownerRef: record.ownerRef,
      schedule: record.schedule,
      escalationPolicy: null,
      version: 3,
    });
  });

  it('sends no policy without levels, and the levels with their repeat', () => {
    const draft = draftOf(makeScheduleRecord());
    expect(requestOf(draft).escalationPolicy).toBeNull();
    draft.escalation = [
      { delayMinutes: 0, target: { schedule: 'checkout-primary' } },
    ];
    draft.repeat = 2;
    expect(requestOf(draft).escalationPolicy).toEqual({
      levels: [{ delayMinutes: 0, target: { schedule: 'checkout-primary' } }],
      repeat: 2,
    });
  });

  it("reads the fields out of the backend's 400 messages", () => {
    expect(
      serverFieldErrors(
        'Invalid schedule: schedule.layers[1].handoff.time: must be HH:mm; schedule.layers[0].restrictions[0].timeZone: unknown time zone "X"',
      ),
    ).toEqual({
      'layers[1].handoff.time': 'must be HH:mm',
      'layers[0].restrictions[0].timeZone': 'unknown time zone "X"',
    });
    expect(
      serverFieldErrors(
        'Invalid schedule: escalationPolicy.levels.1.delayMinutes: Too small: expected number to be >=0',
      ),
    ).toEqual({
      'escalationPolicy.levels[1].delayMinutes':
        'Too small: expected number to be >=0',
    });
    expect(
      serverFieldErrors(
        'Not allowed: user:default/mallory may not update schedule records',
      ),
    ).toEqual({});
  });
});
