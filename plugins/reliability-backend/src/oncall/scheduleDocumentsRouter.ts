import { InputError } from '@backstage/errors';
import {
  scheduleDocumentSchema,
  ScheduleRecord,
} from '@reliability-hub/plugin-reliability-common';
import express from 'express';
import Router from 'express-promise-router';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { parseSchedule, toNewSchedule } from './scheduleInput';
import { ScheduleStore } from './ScheduleStore';
import { ScheduleWrites } from './ScheduleWrites';

/** Schedule documents come as YAML (or as JSON). */
const yamlBody = express.text({
  type: ['application/yaml', 'application/x-yaml', 'text/yaml'],
  limit: '1mb',
});

/** The body of an import: a YAML text, or JSON already parsed. */
function readImport(body: unknown): unknown {
  if (typeof body !== 'string') {
    return body;
  }
  try {
    return parseYaml(body);
  } catch (error) {
    throw new InputError(`Invalid YAML: ${(error as Error).message}`);
  }
}

/** The schedule as a document for `POST /schedules/import`. */
function exportDocument(record: ScheduleRecord) {
  const { name: _name, ...schedule } = record.schedule;
  return {
    apiVersion: 'reliability-hub.io/v1alpha1',
    kind: 'Schedule',
    name: record.name,
    ownerRef: record.ownerRef,
    schedule: {
      ...schedule,
      overrides: schedule.overrides.map(({ id: _id, ...o }) => o),
    },
    escalationPolicy: record.escalationPolicy,
  };
}

/**
 * Schedules as YAML documents: `GET /schedules/:id/export` and
 * `POST /schedules/import`, which creates the schedule or replaces the one
 * of that name in its owner group.
 *
 * @internal
 */
export function createScheduleDocumentsRouter(options: {
  store: ScheduleStore;
  writes: ScheduleWrites;
}) {
  const { store, writes } = options;
  const router = Router();

  router.get('/schedules/:id/export', async (req, res) => {
    const record = await writes.load(req);
    res
      .type('application/yaml')
      .attachment(`${record.name}.schedule.yaml`)
      .send(stringifyYaml(exportDocument(record)));
  });

  router.post('/schedules/import', yamlBody, async (req, res) => {
    const body = parseSchedule(scheduleDocumentSchema, readImport(req.body));
    // Names are unique within the owner group.
    const [existing] = await store.listSchedules({
      names: [body.name],
      ownerRefs: [body.ownerRef],
    });
    const input = toNewSchedule(body);
    if (existing) {
      // Importing a schedule that exists replaces it.
      res.json(
        await writes.replace(
          req,
          'schedule-import',
          existing,
          existing.version,
          input,
        ),
      );
      return;
    }
    res.status(201).json(await writes.create(req, 'schedule-import', input));
  });

  return router;
}
