/*
 * Schedule names are unique within their owner group, not across the
 * organisation: two teams may each call their rotation "primary", and the
 * `reliability-hub.io/oncall-schedule` annotation finds the one of the
 * entity's own team.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('schedules', table => {
    table.dropUnique(['name']);
    table.unique(['owner_ref', 'name'], {
      indexName: 'schedules_owner_ref_name_unique',
    });
  });
};

/**
 * Names used by more than one group get the start of their id appended
 * (the oldest schedule keeps its name), so they are unique again.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const schedules = await knex('schedules')
    .orderBy([
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .select('id', 'name');
  const taken = new Set();
  for (const { id, name } of schedules) {
    if (taken.has(name)) {
      const unique = `${name.slice(0, 240)}-${id.slice(0, 8)}`;
      await knex('schedules').where({ id }).update({ name: unique });
      taken.add(unique);
    } else {
      taken.add(name);
    }
  }
  await knex.schema.alterTable('schedules', table => {
    table.dropUnique(['owner_ref', 'name'], 'schedules_owner_ref_name_unique');
    table.unique(['name']);
  });
};
