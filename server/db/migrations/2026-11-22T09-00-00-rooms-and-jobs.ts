import type { Kysely } from 'kysely';

// Frozen in time: never import application code, never change once released. Portable SQLite/PostgreSQL.
//
// - sitting_rooms: each room of a sitting opens and closes on its own (its proctor starts it when the
//   room is ready; the 15-minute late-entry limit and every attempt's clock count from the room's
//   opening). A missing row means the room has not been opened.
// - build_jobs: a paper build (组卷) as a row, so that any node can answer the client's progress polls
//   and a job whose node died is seen as stale instead of running forever.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sitting_rooms')
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull()) // audit actor id (user:12, system:room-schedule)
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addPrimaryKeyConstraint('sitting_rooms_pk', ['sitting_id', 'room_id'])
    .execute();

  await db.schema
    .createTable('build_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.notNull())
    .addColumn('request_json', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_json', 'text')
    .addColumn('error_json', 'text')
    .addColumn('paper_set_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('build_jobs_created').on('build_jobs').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('build_jobs_created').execute();
  await db.schema.dropTable('build_jobs').execute();
  await db.schema.dropTable('sitting_rooms').execute();
}
