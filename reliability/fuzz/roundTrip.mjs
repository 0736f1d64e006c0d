// Stores hostile-but-valid strings through valid writes and reads them back: they must come back
// byte-identical. Strings no write may store (NUL, lone surrogates) must be refused with a 400, or
// else come back unchanged too.

const ENTITY = 'component:default/checkout';
const SECTIONS = [
  'summary',
  'impact',
  'timeline',
  'rootCause',
  'contributingFactors',
  'wentWell',
  'toImprove',
  'lessonsLearned',
];

/**
 * @returns {Promise<{ checked: number, rejected: number, requests: number, mismatches: string[] }>}
 */
export async function roundTrips(client, fx, { storable, unstorable }) {
  const result = { checked: 0, rejected: 0, requests: 0, mismatches: [] };
  const send = async (method, path, body) => {
    result.requests++;
    return client.send('round trip', method, path, { body });
  };
  const same = (what, sent, got) => {
    result.checked++;
    if (sent !== got) {
      result.mismatches.push(
        `${what}: sent ${JSON.stringify(sent).slice(
          0,
          80,
        )} got ${JSON.stringify(got)?.slice(0, 80)}`,
      );
    }
  };

  const check = async (text, expectStored) => {
    const label = JSON.stringify(text).slice(0, 40);
    const created = await send('POST', '/incidents', {
      entityRef: ENTITY,
      title: text.slice(0, 255),
      severity: 'SEV4',
      summary: text,
    });
    if (created.status === 400 && !expectStored) {
      result.rejected++;
      return;
    }
    if (created.status !== 201) {
      result.mismatches.push(
        `incident ${label}: POST answered ${
          created.status
        } ${created.text.slice(0, 200)}`,
      );
      return;
    }
    const incident = created.json();
    const note = await send('POST', `/incidents/${incident.id}/notes`, {
      message: text,
    });
    const read = (await send('GET', `/incidents/${incident.id}`)).json();
    same(`incident title ${label}`, text.slice(0, 255), read.title);
    same(`incident summary ${label}`, text, read.summary);
    if (note.status < 300) {
      result.checked++;
      if (!read.timeline?.some(e => e.message === text))
        result.mismatches.push(
          `incident note ${label}: not found unchanged in the timeline`,
        );
    } else {
      result.mismatches.push(
        `incident note ${label}: ${note.status} ${note.text.slice(0, 200)}`,
      );
    }

    const sections = Object.fromEntries(
      SECTIONS.map(s => [s, `${s}: ${text}`]),
    );
    const pm = await send('POST', '/postmortems', {
      entityRef: ENTITY,
      incidentIds: [incident.id],
      title: text.slice(0, 255),
      impactUsersAffected: text,
      ...sections,
    });
    if (pm.status !== 201) {
      result.mismatches.push(
        `postmortem ${label}: POST answered ${pm.status} ${pm.text.slice(
          0,
          200,
        )}`,
      );
      return;
    }
    const postmortem = (
      await send('GET', `/postmortems/${pm.json().id}`)
    ).json();
    same(`postmortem title ${label}`, text.slice(0, 255), postmortem.title);
    same(
      `postmortem impactUsersAffected ${label}`,
      text,
      postmortem.impactUsersAffected,
    );
    for (const s of SECTIONS)
      same(`postmortem ${s} ${label}`, sections[s], postmortem[s]);
    const edited = await send('PATCH', `/postmortems/${postmortem.id}`, {
      version: postmortem.version,
      lessonsLearned: `${text}\n\n${text}`,
    });
    if (edited.status === 200) {
      const again = (await send('GET', `/postmortems/${postmortem.id}`)).json();
      same(
        `postmortem edit ${label}`,
        `${text}\n\n${text}`,
        again.lessonsLearned,
      );
    } else {
      result.mismatches.push(
        `postmortem edit ${label}: ${edited.status} ${edited.text.slice(
          0,
          200,
        )}`,
      );
    }

    const item = await send(
      'POST',
      `/postmortems/${postmortem.id}/action-items`,
      {
        title: text.slice(0, 255),
        description: text,
        type: 'process',
        priority: 'P3',
        owner: 'user:default/lena.hoffmann',
      },
    );
    if (item.status !== 201) {
      result.mismatches.push(
        `action item ${label}: POST answered ${item.status} ${item.text.slice(
          0,
          200,
        )}`,
      );
      return;
    }
    const listed = (
      await send(
        'GET',
        `/action-items?entityRef=${ENTITY}&limit=100&status=open`,
      )
    ).json();
    const stored =
      listed.items?.find(i => i.id === item.json().id) ?? item.json();
    same(`action item title ${label}`, text.slice(0, 255), stored.title);
    same(`action item description ${label}`, text, stored.description);
  };

  for (const text of storable) await check(text, true);
  for (const text of unstorable) await check(text, false);

  // An override reason on a schedule, read back from the schedule.
  for (const text of storable.slice(0, 8)) {
    const schedule = (await send('GET', `/schedules/${fx.scheduleId}`)).json();
    const start = new Date(
      Date.UTC(2028, 0, 1 + (result.requests % 300), 9),
    ).toISOString();
    const end = new Date(Date.parse(start) + 3_600_000).toISOString();
    const res = await send('POST', `/schedules/${fx.scheduleId}/overrides`, {
      version: schedule.version,
      user: 'user:default/lena.hoffmann',
      start,
      end,
      reason: text,
    });
    if (res.status !== 201) {
      result.mismatches.push(
        `override reason ${JSON.stringify(text).slice(0, 40)}: ${
          res.status
        } ${res.text.slice(0, 200)}`,
      );
      continue;
    }
    const read = (await send('GET', `/schedules/${fx.scheduleId}`)).json();
    fx.scheduleVersion = read.version;
    same(
      'override reason',
      text,
      read.schedule.overrides.find(o => o.start === start)?.reason,
    );
  }
  return result;
}
