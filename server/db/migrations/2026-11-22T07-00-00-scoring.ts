import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code, never change once released. Portable SQLite/PostgreSQL.
//
// - component_outcomes: 缺考 / 违纪 of a practical or review component (and of a theory exam sat on paper),
//   recorded by the office with a reason. The exam room records theory attendance on `attempts`; the
//   workshop has no such record, and a missing mark must not silently read as "absent".
// - certificates.verify_code: a random code printed in the certificate's QR link. Serial numbers are
//   sequential, so a lookup by number alone would let anyone walk the whole register of names.
// - certificates_one_issued: at most one valid (issued) certificate per candidate result, even if two
//   issuing requests race; revoked certificates stay and never give their number back.
// - indexes for the per-batch and per-candidate reads of marking and results.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const id = pg
    ? db.schema.createTable('component_outcomes').addColumn('id', 'serial', (c) => c.primaryKey())
    : db.schema.createTable('component_outcomes').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await id
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('component', 'text', (c) => c.notNull()) // theory | practical | review
    .addColumn('attendance', 'text', (c) => c.notNull()) // absent | violation
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('component_outcomes_uniq', ['candidate_id', 'component'])
    .execute();

  await db.schema.alterTable('certificates').addColumn('verify_code', 'text').execute();
  await db.schema
    .createIndex('certificates_one_issued')
    .on('certificates')
    .column('candidate_id')
    .unique()
    .where(sql.ref('status'), '=', 'issued')
    .execute();

  await db.schema.createIndex('results_batch').on('results').column('batch_id').execute();
  await db.schema.createIndex('source_marks_candidate').on('source_marks').columns(['candidate_id', 'component']).execute();
  await db.schema.createIndex('examiner_marks_candidate').on('examiner_marks').column('candidate_id').execute();
  await db.schema.createIndex('subjective_marks_attempt').on('subjective_marks').column('attempt_id').execute();
  await db.schema.createIndex('objections_publicity').on('objections').column('publicity_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['objections_publicity', 'subjective_marks_attempt', 'examiner_marks_candidate', 'source_marks_candidate', 'results_batch', 'certificates_one_issued']) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.alterTable('certificates').dropColumn('verify_code').execute();
  await db.schema.dropTable('component_outcomes').execute();
}
