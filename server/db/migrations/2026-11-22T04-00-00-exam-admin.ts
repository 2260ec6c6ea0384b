import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code, never change once released. Portable SQLite/PostgreSQL.
//
// - rooms.room_no: the 考场号 printed in every admission ticket number (batch code + 考场号 + seat). It must
//   not move when another room is renamed or deleted, so it is stored rather than derived from row order.
// - candidates.eligibility_json: what the eligibility decision was made from (declared 申报条件, previous
//   certificate, student/employee status) and its outcome, so it can be shown and recomputed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rooms').addColumn('room_no', 'integer').execute();
  // Existing rooms keep their order within the batch as their 考场号.
  await sql`UPDATE rooms SET room_no = (SELECT COUNT(*) FROM rooms r2 WHERE r2.batch_id = rooms.batch_id AND r2.id <= rooms.id)`.execute(db);
  await db.schema.createIndex('rooms_batch_room_no').on('rooms').columns(['batch_id', 'room_no']).unique().execute();

  await db.schema.alterTable('candidates').addColumn('eligibility_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rooms_batch_room_no').execute();
  await db.schema.alterTable('rooms').dropColumn('room_no').execute();
  await db.schema.alterTable('candidates').dropColumn('eligibility_json').execute();
}
