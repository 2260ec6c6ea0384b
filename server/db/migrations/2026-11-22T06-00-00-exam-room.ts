import type { Kysely } from 'kysely';

// Frozen in time: never import application code, never change once released. Portable SQLite/PostgreSQL.
//
// - incidents.action: 处理措施 of an incident or violation (printed on the 考场情况记录单 next to what happened).
// - attempts (state, ends_at): the sweeper looks for running attempts past their end every second.
// - incidents (sitting_id, room_id): the live room log and the incident sheet read one room's incidents.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('incidents').addColumn('action', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('attempts_state_ends').on('attempts').columns(['state', 'ends_at']).execute();
  await db.schema.createIndex('incidents_sitting_room').on('incidents').columns(['sitting_id', 'room_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('incidents_sitting_room').execute();
  await db.schema.dropIndex('attempts_state_ends').execute();
  await db.schema.alterTable('incidents').dropColumn('action').execute();
}
