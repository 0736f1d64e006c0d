import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  onCallThroughout,
  Override,
  ScheduleRecord,
  SwapRequest,
  SwapRequestList,
  swapRequestSchema,
} from '@reliability-hub/plugin-reliability-common';
import { z } from 'zod';
import { ReliabilityNotifier } from '../../notifications/ReliabilityNotifier';
import { userLabel } from '../ical';
import { DatabaseSwapStore } from './DatabaseSwapStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How far ahead a shift may be offered. */
const MAX_DAYS_AHEAD = 93;
/** How long a shift offered may be. */
const MAX_SHIFT_DAYS = 31;
/** Open requests one person may have asked on one schedule. */
const MAX_PENDING = 20;
/** Requests listed for one person, each way. */
const LIST_LIMIT = 50;

/** Where the On-call page is, for the notifications' links. */
const ONCALL_PAGE = '/reliability/oncall';

type SwapBody = z.output<typeof swapRequestSchema>;

/** `2026-12-14 09:00` in the schedule's zone, with the zone. */
function when(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${text} ${timeZone}`;
}

/** `from – to` of a shift, in the schedule's zone. */
function span(range: { start: string; end: string }, timeZone: string) {
  return `${when(range.start, timeZone)} – ${when(range.end, timeZone)}`;
}

/**
 * Swap requests: someone on call asks a teammate to cover a shift, or to
 * trade it for one of theirs; the teammate accepts (the swap becomes
 * overrides) or declines; the asker may cancel. Only the people of a
 * request may answer it, and only while the schedule still has them on call
 * as asked.
 *
 * @internal
 */
export class SwapService {
  static create(options: {
    store: DatabaseSwapStore;
    notifier: ReliabilityNotifier;
    logger: LoggerService;
  }) {
    return new SwapService(options);
  }

  private constructor(
    private readonly options: {
      store: DatabaseSwapStore;
      notifier: ReliabilityNotifier;
      logger: LoggerService;
    },
  ) {}

  /**
   * `requester` asks for a swap of a shift of `record`; throws InputError
   * naming the field, or NotAllowedError when the shift is not theirs.
   */
  async request(
    record: ScheduleRecord,
    requester: string,
    body: SwapBody,
    now = new Date(),
  ): Promise<SwapRequest> {
    const { store } = this.options;
    const { schedule } = record;
    if (body.recipient === requester) {
      throw new InputError(
        'Invalid swap request: recipient: ask someone other than yourself',
      );
    }
    for (const [field, range] of [
      ['shift', body.shift],
      ['returnShift', body.returnShift],
    ] as const) {
      if (!range) continue;
      const start = Date.parse(range.start);
      const end = Date.parse(range.end);
      if (start <= now.getTime()) {
        throw new InputError(
          `Invalid swap request: ${field}.start: must be in the future`,
        );
      }
      if (start > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
        throw new InputError(
          `Invalid swap request: ${field}.start: at most ${MAX_DAYS_AHEAD} days ahead`,
        );
      }
      if (end - start > MAX_SHIFT_DAYS * DAY_MS) {
        throw new InputError(
          `Invalid swap request: ${field}: at most ${MAX_SHIFT_DAYS} days long`,
        );
      }
    }
    if (!onCallThroughout(schedule, body.shift, requester)) {
      throw new NotAllowedError(
        `Only the person on call for all of a shift may ask for a swap of it; ${requester} is not on call for all of ${span(
          body.shift,
          schedule.timeZone,
        )} on ${record.name}`,
      );
    }
    if (
      body.returnShift &&
      !onCallThroughout(schedule, body.returnShift, body.recipient)
    ) {
      throw new InputError(
        `Invalid swap request: returnShift: ${body.recipient} is not on call for all of it`,
      );
    }
    if ((await store.countPending(record.id, requester, now)) >= MAX_PENDING) {
      throw new InputError(
        `Invalid swap request: at most ${MAX_PENDING} open requests per schedule; cancel some first`,
      );
    }
    const swap = await store.create({
      scheduleId: record.id,
      requester,
      recipient: body.recipient,
      shift: body.shift,
      ...(body.returnShift ? { returnShift: body.returnShift } : {}),
      ...(body.note ? { note: body.note } : {}),
    });
    await this.tell(swap, record.schedule.timeZone, 'requested');
    return swap;
  }

  /** The caller's open requests: asked of them, and by them. */
  async list(caller: string, now = new Date()): Promise<SwapRequestList> {
    const { store } = this.options;
    const [incoming, outgoing] = await Promise.all([
      store.listPending({ recipient: caller }, now, LIST_LIMIT),
      store.listPending({ requester: caller }, now, LIST_LIMIT),
    ]);
    return { incoming, outgoing };
  }

  /**
   * The recipient accepts: the swap becomes overrides, if the schedule
   * still has both people on call as asked (else 409).
   */
  async accept(id: string, version: number, caller: string) {
    const swap = await this.answerable(id, caller, 'recipient');
    const result = await this.options.store.decide(id, {
      version,
      state: 'accepted',
      actor: caller,
      overridesOf: schedule => overridesOf(swap, schedule),
    });
    await this.tell(
      result.swap,
      result.schedule?.schedule.timeZone,
      'accepted',
    );
    return result;
  }

  /** The recipient declines. */
  async decline(id: string, version: number, caller: string) {
    await this.answerable(id, caller, 'recipient');
    const { swap } = await this.options.store.decide(id, {
      version,
      state: 'declined',
      actor: caller,
    });
    await this.tell(swap, undefined, 'declined');
    return swap;
  }

  /** The requester takes the request back. */
  async cancel(id: string, version: number, caller: string) {
    await this.answerable(id, caller, 'requester');
    const { swap } = await this.options.store.decide(id, {
      version,
      state: 'cancelled',
      actor: caller,
    });
    return swap;
  }

  /**
   * The request, if `caller` is its `role`; otherwise a 403 that says who
   * may, without naming anyone to people outside the request.
   */
  private async answerable(
    id: string,
    caller: string,
    role: 'recipient' | 'requester',
  ): Promise<SwapRequest> {
    const swap = await this.options.store.get(id);
    if (!swap) {
      throw new NotFoundError(`No swap request with id ${id}`);
    }
    if (swap[role] !== caller) {
      throw new NotAllowedError(
        role === 'recipient'
          ? 'Only the person asked may accept or decline this swap request'
          : 'Only the person who asked may cancel this swap request',
      );
    }
    return swap;
  }

  /**
   * Tells the recipient of a new request, and the requester of the answer;
   * a notification that cannot be sent is logged, never failing the swap.
   */
  private async tell(
    swap: SwapRequest,
    timeZone: string | undefined,
    event: 'requested' | 'accepted' | 'declined',
  ) {
    const zone = timeZone ?? 'UTC';
    const what = swap.returnShift ? 'swap' : 'cover';
    const shift = span(swap.shift, zone);
    const notification =
      event === 'requested'
        ? {
            kind: 'swapRequested',
            recipients: [swap.recipient],
            title: `${userLabel(
              swap.requester,
            )} asks you to ${what} an on-call shift of ${swap.scheduleName}`,
            description: `${shift}${
              swap.returnShift
                ? `, in return for your shift ${span(swap.returnShift, zone)}`
                : ''
            }.${
              swap.note ? ` "${swap.note}"` : ''
            } Accept or decline it on the On-call page.`,
          }
        : {
            kind: 'swapAnswered',
            recipients: [swap.requester],
            title: `${userLabel(
              swap.recipient,
            )} ${event} your swap request on ${swap.scheduleName}`,
            description:
              event === 'accepted'
                ? `${userLabel(swap.recipient)} now covers ${shift}.`
                : `You are still on call for ${shift}.`,
          };
    try {
      await this.options.notifier.notify({
        ...notification,
        key: `swap:${swap.id}:${event}`,
        link: ONCALL_PAGE,
        severity: 'normal',
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not send the ${notification.kind} notification of swap request ${swap.id}: ${error}`,
      );
    }
  }
}

/**
 * The overrides an accepted swap becomes: the recipient covers the shift,
 * and for a trade the requester covers the recipient's. Refuses (409) when
 * the schedule no longer has them on call as asked.
 */
function overridesOf(swap: SwapRequest, record: ScheduleRecord): Override[] {
  const { schedule } = record;
  const stale = (who: string, range: { start: string; end: string }) =>
    new ConflictError(
      `The schedule has changed since this swap was asked for: ${who} is no longer on call for all of ${span(
        range,
        schedule.timeZone,
      )}; ask again`,
    );
  if (!onCallThroughout(schedule, swap.shift, swap.requester)) {
    throw stale(swap.requester, swap.shift);
  }
  if (
    swap.returnShift &&
    !onCallThroughout(schedule, swap.returnShift, swap.recipient)
  ) {
    throw stale(swap.recipient, swap.returnShift);
  }
  const reason = `Swap asked by ${swap.requester}, accepted by ${swap.recipient}`;
  return [
    { user: swap.recipient, ...swap.shift, reason },
    ...(swap.returnShift
      ? [{ user: swap.requester, ...swap.returnShift, reason }]
      : []),
  ];
}
