import type { Kysely, CreateTableBuilder } from 'kysely';

// Frozen in time: this file must never import application code and never change once released.
// Portable between SQLite and PostgreSQL: ISO text for timestamps and dates, integer 0/1 for flags,
// JSON as text, 'double precision' for reals (REAL affinity in SQLite), blob/bytea for binary.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

type T = CreateTableBuilder<string, never>;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const blob = pg ? 'bytea' : 'blob';
  const table = (name: string): T =>
    (pg
      ? db.schema.createTable(name).addColumn('id', 'serial', (c) => c.primaryKey())
      : db.schema.createTable(name).addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())) as unknown as T;
  const real = 'double precision' as const;

  // ---- organization, occupations, accounts -------------------------------------------------
  await table('organizations')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // school | training | employer
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('province', 'text', (c) => c.notNull()) // GB/T 2260, 2 digits
    .addColumn('cert_org_code', 'text', (c) => c.notNull()) // 4 digits, 0000 if registered with a province
    .addColumn('cert_org_serial', 'text', (c) => c.notNull()) // 6 digits
    .addColumn('cert_issuer', 'text', (c) => c.notNull()) // 发证机构 name on rosters
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('occupations')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('work_type', 'text', (c) => c.notNull().defaultTo('')) // '' = no 工种
    .addColumn('levels_json', 'text', (c) => c.notNull())
    .addColumn('licensing', 'integer', (c) => c.notNull().defaultTo(0)) // 准入类
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('occupations_code_work_type', ['code', 'work_type'])
    .execute();

  await table('organization_scopes')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('levels_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('organization_scopes_org_occ', ['organization_id', 'occupation_id'])
    .execute();

  await table('users')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull()) // admin | proctor | examiner | supervisor
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('work_unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the cookie token; the token itself is never stored
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('candidate_id', 'integer')
    .addColumn('seat_assignment_id', 'integer')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'text', (c) => c.primaryKey()) // 'account:<name>' | 'ip:<addr>'
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  // ---- audit trail (append-only, hash-chained) ----------------------------------------------
  await table('audit_log')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull()) // 'user:1' | 'candidate:7' | 'system'
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();

  // ---- question bank and papers ---------------------------------------------------------------
  await table('blueprints')
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tree_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('blueprints_occ_level_comp', ['occupation_id', 'level', 'component'])
    .execute();

  await table('paper_specs')
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('spec_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('paper_specs_occ_level_comp', ['occupation_id', 'level', 'component'])
    .execute();

  await table('items')
    .addColumn('item_uid', 'text', (c) => c.notNull()) // stable across versions
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('stem', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('key_json', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('point_code', 'text', (c) => c.notNull())
    .addColumn('difficulty', real, (c) => c.notNull())
    .addColumn('discrimination', real, (c) => c.notNull())
    .addColumn('stats_n', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exposure', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enemy_group', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0)) // used in a paper ⇒ immutable
    .addColumn('is_latest', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('items_uid_version', ['item_uid', 'version'])
    .execute();
  await db.schema.createIndex('items_occ_level').on('items').columns(['occupation_id', 'level', 'is_latest']).execute();

  await table('paper_sets')
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('algorithm_version', 'text', (c) => c.notNull())
    .addColumn('bank_hash', 'text', (c) => c.notNull())
    .addColumn('quality_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('papers')
    .addColumn('paper_set_id', 'integer', (c) => c.notNull().references('paper_sets.id'))
    .addColumn('form', 'text', (c) => c.notNull()) // A | B | C
    .addColumn('status', 'text', (c) => c.notNull()) // built | approved | released | used | archived
    .addColumn('content_json', 'text', (c) => c.notNull()) // Paper with pinned item versions
    .addColumn('approved_by', 'integer')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('papers_set_form', ['paper_set_id', 'form'])
    .execute();

  await table('paper_ledger') // 题库运行、发放和回收台账
    .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('sitting_id', 'integer')
    .addColumn('actor_id', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  // ---- exam administration (考务) -------------------------------------------------------------
  await table('batches')
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | filed | running | marking | publicity | closed
    .addColumn('plan_filed_on', 'text')
    .addColumn('tickets_issued_on', 'text')
    .addColumn('results_reported_on', 'text')
    .addColumn('filing_number', 'text')
    .addColumn('plan_json', 'text', (c) => c.notNull().defaultTo('{}')) // approved plan: sources, weights
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await table('batch_entries')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id'))
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('components_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('batch_entries_uniq', ['batch_id', 'occupation_id', 'level'])
    .execute();

  await table('sittings')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id'))
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('start_time', 'text', (c) => c.notNull()) // HH:MM, Beijing time
    .addColumn('duration_min', 'integer', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // scheduled | open | closed
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('grace_seconds', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('seb_json', 'text') // Safe Exam Browser keys, null = not required
    .execute();

  await table('sitting_papers')
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('paper_set_id', 'integer', (c) => c.references('paper_sets.id'))
    .addColumn('paper_id', 'integer', (c) => c.references('papers.id'))
    .addUniqueConstraint('sitting_papers_uniq', ['sitting_id', 'occupation_id', 'level'])
    .execute();

  await table('rooms')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('columns', 'integer', (c) => c.notNull().defaultTo(5))
    .addUniqueConstraint('rooms_batch_name', ['batch_id', 'name'])
    .execute();

  await table('candidates')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id'))
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('education', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('work_unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('work_years', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('photo', blob)
    .addColumn('photo_type', 'text')
    .addColumn('eligibility_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('components_json', 'text', (c) => c.notNull()) // components this candidate sits (retakes: only failed)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('registered'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('candidates_batch_id_number', ['batch_id', 'id_number'])
    .execute();

  await table('seat_assignments')
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id'))
    .addColumn('seat_no', 'integer', (c) => c.notNull())
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('ticket_no', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_issued', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('seat_assignments_candidate', ['sitting_id', 'candidate_id'])
    .addUniqueConstraint('seat_assignments_seat', ['sitting_id', 'room_id', 'seat_no'])
    .execute();

  await table('staff_assignments')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('duty', 'text', (c) => c.notNull()) // proctor | examiner | leader | supervisor
    .addColumn('sitting_id', 'integer', (c) => c.references('sittings.id'))
    .addColumn('room_id', 'integer', (c) => c.references('rooms.id'))
    .addColumn('group_name', 'text')
    .execute();

  await table('declared_relations') // 回避: relatives, colleagues, own trainees
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('workday_overrides')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('workday', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // ---- smart exam room ------------------------------------------------------------------------
  await table('attempts')
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // lobby | answering | paused | submitted
    .addColumn('started_at', 'text')
    .addColumn('ends_at', 'text') // server clock; pauses and extensions move it
    .addColumn('paused_at', 'text')
    .addColumn('paused_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'text')
    .addColumn('submit_reason', 'text')
    .addColumn('device_id', 'text')
    .addColumn('violation_category', 'text')
    .addColumn('last_seen_at', 'text')
    .addUniqueConstraint('attempts_sitting_candidate', ['sitting_id', 'candidate_id'])
    .execute();

  await db.schema
    .createTable('responses')
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('attempts.id'))
    .addColumn('item_key', 'text', (c) => c.notNull()) // `${itemId}@${version}` as pinned in the paper
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('responses_pk', ['attempt_id', 'item_key'])
    .execute();

  await table('attempt_events')
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('attempts.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_events_attempt').on('attempt_events').column('attempt_id').execute();

  await table('incidents')
    .addColumn('sitting_id', 'integer', (c) => c.notNull().references('sittings.id'))
    .addColumn('room_id', 'integer', (c) => c.references('rooms.id'))
    .addColumn('attempt_id', 'integer', (c) => c.references('attempts.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // incident | violation | notice | warning
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  // ---- scoring, results, certificates ---------------------------------------------------------
  await table('scoring_sheets')
    .addColumn('occupation_id', 'integer', (c) => c.notNull().references('occupations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('sheet_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('examiner_marks') // every examiner's sheet, kept as entered
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('sheet_id', 'integer', (c) => c.notNull().references('scoring_sheets.id'))
    .addColumn('examiner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('marks_json', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member')) // member | leader
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('examiner_marks_uniq', ['candidate_id', 'sheet_id', 'examiner_id', 'role'])
    .execute();

  await table('subjective_marks')
    .addColumn('attempt_id', 'integer', (c) => c.notNull().references('attempts.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('marker_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull()) // first | second | leader
    .addColumn('mark', real, (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('subjective_marks_uniq', ['attempt_id', 'item_key', 'role'])
    .execute();

  await table('source_marks') // course final, process assessment, exam marks entered or imported
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // exam | courseFinal | processAssessment
    .addColumn('mark', real, (c) => c.notNull())
    .addColumn('origin_json', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await table('results')
    .addColumn('candidate_id', 'integer', (c) => c.notNull().unique().references('candidates.id'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('batches.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // pass | fail | absent | violation
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();

  await table('publicities')
    .addColumn('batch_id', 'integer', (c) => c.notNull().unique().references('batches.id'))
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'integer')
    .execute();

  await table('objections')
    .addColumn('publicity_id', 'integer', (c) => c.notNull().references('publicities.id'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | resolved
    .addColumn('category', 'text')
    .addColumn('outcome', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();

  await table('certificates')
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // issued | revoked
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('certificate_counters') // serials are never reused, even after revocation
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('certificate_counters_pk', ['organization_id', 'year', 'level'])
    .execute();

}

export async function down(): Promise<void> {
  throw new Error('The foundation migration is not reversible; restore from a backup instead.');
}
