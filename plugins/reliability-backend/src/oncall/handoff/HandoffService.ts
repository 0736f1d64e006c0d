import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionItem,
  HandoffChecklist,
  Incident,
  Page,
  handoffsIn,
  HandoffTime,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import { ActionItemStore } from '../../actionItems/ActionItemStore';
import { IncidentStore } from '../../incidents/IncidentStore';
import { ReliabilityNotifier } from '../../notifications/ReliabilityNotifier';
import { componentsOf } from '../../summary/componentsOf';
import { userLabel } from '../ical';
import { ScheduleStore } from '../ScheduleStore';
import { DatabaseHandoffNoteStore } from './DatabaseHandoffNoteStore';

/** Items of each kind a checklist lists. */
const CHECKLIST_LIMIT = 10;
/** How long before a hand-off the incoming person is told. */
const REMIND_BEFORE_MS = 60 * 60 * 1000;
/** Where the On-call page is, for the notifications' links. */
const ONCALL_PAGE = '/reliability/oncall';

/**
 * Hand-offs: who hands to whom at an instant, the note left for it, the
 * checklist of the owning team (open incidents and open action items of the
 * components it owns, and action items it owns), and the reminder to the
 * incoming person an hour before.
 *
 * @internal
 */
export class HandoffService {
  static create(options: {
    notes: DatabaseHandoffNoteStore;
    schedules: ScheduleStore;
    incidents: IncidentStore;
    actionItems: ActionItemStore;
    catalog: CatalogService;
    auth: AuthService;
    notifier: ReliabilityNotifier;
    logger: LoggerService;
  }) {
    return new HandoffService(options);
  }

  private constructor(
    private readonly options: {
      notes: DatabaseHandoffNoteStore;
      schedules: ScheduleStore;
      incidents: IncidentStore;
      actionItems: ActionItemStore;
      catalog: CatalogService;
      auth: AuthService;
      notifier: ReliabilityNotifier;
      logger: LoggerService;
    },
  ) {}

  /** The hand-off of `record` exactly at `at`, if there is one. */
  handoffAt(record: ScheduleRecord, at: Date): HandoffTime | undefined {
    return handoffsIn(record.schedule, {
      start: at.toISOString(),
      end: new Date(at.getTime() + 1).toISOString(),
    })[0];
  }

  /**
   * The checklist of the owning group, as `credentials` may see it: two
   * bounded queries over the components the catalog says it owns.
   */
  async checklist(
    ownerRef: string,
    credentials: BackstageCredentials,
    now = new Date(),
  ): Promise<HandoffChecklist> {
    const { catalog, incidents, actionItems } = this.options;
    const components =
      (await componentsOf(ownerRef, { catalog, credentials })) ?? [];
    const page = { limit: CHECKLIST_LIMIT };
    const none = { items: [] };
    const [open, items, owned]: [
      Page<Incident>,
      Page<ActionItem>,
      Page<ActionItem>,
    ] = await Promise.all([
      components.length
        ? incidents.listIncidents(
            { entityRefs: components, status: 'open' },
            page,
          )
        : none,
      components.length
        ? actionItems.listActionItems(
            {
              entityRefs: components,
              status: 'open',
              today: now.toISOString().slice(0, 10),
            },
            page,
          )
        : none,
      actionItems.listActionItems(
        {
          owners: [ownerRef],
          status: 'open',
          today: now.toISOString().slice(0, 10),
          ...(components.length ? { excludeEntityRefs: components } : {}),
        },
        page,
      ),
    ]);
    const allItems = [...items.items, ...owned.items].slice(0, CHECKLIST_LIMIT);
    return {
      incidents: open.items.map(incident => ({
        id: incident.id,
        ...(incident.humanId ? { humanId: incident.humanId } : {}),
        title: incident.title,
        severity: incident.severity,
        status: incident.status,
        entityRef: incident.entityRef,
      })),
      actionItems: allItems.map(item => ({
        id: item.id,
        title: item.title,
        owner: item.owner,
        ...(item.dueDate ? { dueDate: item.dueDate } : {}),
        entityRef: item.entityRef,
        postmortemId: item.postmortemId,
      })),
      moreIncidents: Boolean(open.nextCursor),
      moreActionItems:
        Boolean(items.nextCursor) ||
        Boolean(owned.nextCursor) ||
        items.items.length + owned.items.length > CHECKLIST_LIMIT,
    };
  }

  /**
   * Tells each person coming on call within the hour, once per hand-off
   * however often this runs and on however many replicas: the notifier's
   * key is the schedule, the instant and the person. Answers how many
   * were told now.
   */
  async remindUpcoming(now: Date): Promise<number> {
    const { schedules, notifier, logger, auth } = this.options;
    const range = {
      start: now.toISOString(),
      end: new Date(now.getTime() + REMIND_BEFORE_MS).toISOString(),
    };
    let told = 0;
    for (const record of await schedules.listSchedules()) {
      let handoffs: HandoffTime[];
      try {
        handoffs = handoffsIn(record.schedule, range);
      } catch {
        // A schedule beyond the limits has no hand-offs to tell of.
        continue;
      }
      for (const handoff of handoffs) {
        try {
          const sent = await notifier.notify({
            key: `handoff:${record.id}:${handoff.at}:${handoff.incoming}`,
            kind: 'handoffSoon',
            recipients: [handoff.incoming],
            title: `You are on call for ${record.name} from ${handoff.at.slice(
              11,
              16,
            )} UTC`,
            // Read only for a hand-off not told of yet: the job runs every
            // few minutes on every replica.
            description: () =>
              this.describe(record, handoff, () =>
                auth.getOwnServiceCredentials(),
              ).catch(() => undefined),
            link: ONCALL_PAGE,
            severity: 'normal',
          });
          if (sent) told++;
        } catch (error) {
          logger.warn(
            `Could not tell ${handoff.incoming} of the hand-off of ${record.name} at ${handoff.at}: ${error}`,
          );
        }
      }
    }
    return told;
  }

  /** The reminder's text: from whom, the note, and the checklist. */
  private async describe(
    record: ScheduleRecord,
    handoff: HandoffTime,
    credentials: () => Promise<BackstageCredentials>,
  ): Promise<string> {
    const [note, checklist] = await Promise.all([
      this.options.notes.get(record.id, new Date(handoff.at)),
      this.checklist(record.ownerRef, await credentials()),
    ]);
    const lines = [
      `${
        handoff.outgoing
          ? `${userLabel(handoff.outgoing)} hands ${record.name} to you`
          : `You take ${record.name} over after a gap`
      } at ${handoff.at}.`,
    ];
    if (note) {
      lines.push(`Hand-off note from ${userLabel(note.author)}: ${note.note}`);
    }
    lines.push(
      checklist.incidents.length
        ? `Open incidents of ${record.ownerRef}: ${checklist.incidents
            .map(i => `${i.humanId ?? i.id} ${i.title} (${i.severity})`)
            .join('; ')}${checklist.moreIncidents ? '; and more' : ''}.`
        : `No open incidents of ${record.ownerRef}.`,
      checklist.actionItems.length
        ? `Open action items: ${checklist.actionItems
            .map(a => `${a.title}${a.dueDate ? ` (due ${a.dueDate})` : ''}`)
            .join('; ')}${checklist.moreActionItems ? '; and more' : ''}.`
        : 'No open action items.',
    );
    return lines.join(' ');
  }
}
