/**
 * Read model of one 认定批次: entries, sittings with the papers they draw from, head counts and the
 * working-day deadlines with their status. Used by the batch page and by the routes that need the whole
 * batch (filing, printing).
 */
import type { Level } from '../../question-bank/types';
import { BATCH_STATUS_LABELS, chinaDate, endTime, loadCalendar, parseJson, type BatchRow, type BatchStatus, type ComponentName, type Db } from './common';
import { batchDeadlines, COMPONENT_LABELS, LEVEL_LABELS, type Deadline } from './rules';

export interface EntryView {
  id: number;
  occupationId: number;
  code: string;
  name: string;
  workType: string | null;
  level: Level;
  levelLabel: string;
  components: ComponentName[];
  candidates: number;
  ineligible: number;
}

export interface SittingView {
  id: number;
  component: ComponentName;
  componentLabel: string;
  date: string;
  startTime: string;
  endTime: string;
  durationMin: number;
  venue: string;
  status: string;
  entries: { occupationId: number; level: Level; paperSetId: number | null; paperId: number | null }[];
}

export function publicBatch(b: BatchRow) {
  return {
    id: b.id, code: b.code, name: b.name, status: b.status as BatchStatus,
    statusLabel: BATCH_STATUS_LABELS[b.status as BatchStatus] ?? b.status,
    planFiledOn: b.plan_filed_on, filingNumber: b.filing_number, ticketsIssuedOn: b.tickets_issued_on,
    resultsReportedOn: b.results_reported_on, createdAt: b.created_at, updatedAt: b.updated_at,
  };
}

/** Entries of a batch with occupation names and candidate counts. */
export async function batchEntries(db: Db, batchId: number): Promise<EntryView[]> {
  const rows = await db
    .selectFrom('batch_entries')
    .innerJoin('occupations', 'occupations.id', 'batch_entries.occupation_id')
    .select(['batch_entries.id', 'batch_entries.occupation_id', 'batch_entries.level', 'batch_entries.components_json', 'occupations.code', 'occupations.name', 'occupations.work_type'])
    .where('batch_entries.batch_id', '=', batchId)
    .orderBy('occupations.code')
    .orderBy('occupations.work_type')
    .orderBy('batch_entries.level', 'desc')
    .execute();
  const counts = await db
    .selectFrom('candidates')
    .select(['occupation_id', 'level', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('batch_id', '=', batchId)
    .groupBy(['occupation_id', 'level', 'status'])
    .execute();
  return rows.map((r) => {
    const mine = counts.filter((c) => c.occupation_id === r.occupation_id && c.level === r.level);
    return {
      id: r.id, occupationId: r.occupation_id, code: r.code, name: r.name, workType: r.work_type || null,
      level: r.level as Level, levelLabel: LEVEL_LABELS[r.level as Level],
      components: parseJson<ComponentName[]>(r.components_json, []),
      candidates: mine.reduce((s, c) => s + Number(c.n), 0),
      ineligible: mine.filter((c) => c.status === 'ineligible').reduce((s, c) => s + Number(c.n), 0),
    };
  });
}

/** Sittings in date order, each with the entries it covers (sitting_papers rows). */
export async function batchSittings(db: Db, batchId: number): Promise<SittingView[]> {
  const sittings = await db.selectFrom('sittings').selectAll().where('batch_id', '=', batchId).orderBy('date').orderBy('start_time').orderBy('id').execute();
  const papers = sittings.length
    ? await db.selectFrom('sitting_papers').selectAll().where('sitting_id', 'in', sittings.map((s) => s.id)).orderBy('id').execute()
    : [];
  return sittings.map((s) => ({
    id: s.id,
    component: s.component as ComponentName,
    componentLabel: COMPONENT_LABELS[s.component as ComponentName] ?? s.component,
    date: s.date,
    startTime: s.start_time,
    endTime: endTime(s.start_time, s.duration_min),
    durationMin: s.duration_min,
    venue: s.venue,
    status: s.status,
    entries: papers
      .filter((p) => p.sitting_id === s.id)
      .map((p) => ({ occupationId: p.occupation_id, level: p.level as Level, paperSetId: p.paper_set_id, paperId: p.paper_id })),
  }));
}

/**
 * The batch's deadlines on `today` (China date), counted in working days with the override table.
 * Empty while the batch has no sitting (nothing to count back from).
 */
export async function deadlinesOf(db: Db, b: BatchRow, sittings: readonly SittingView[], today: string): Promise<{ firstSitting: string | null; deadlines: Deadline[] }> {
  const first = sittings.map((s) => s.date).sort()[0] ?? null;
  if (!first) return { firstSitting: null, deadlines: [] };
  const calendar = await loadCalendar(db);
  const publicity = await db.selectFrom('publicities').select('started_on').where('batch_id', '=', b.id).executeTakeFirst();
  return {
    firstSitting: first,
    deadlines: batchDeadlines({
      firstSitting: first,
      planFiledAt: b.plan_filed_on,
      ticketsIssuedAt: b.tickets_issued_on,
      publicityStart: publicity?.started_on ?? null,
      resultsReportedAt: b.results_reported_on,
      today,
      calendar,
    }),
  };
}

/** Everything the batch page shows. */
export async function batchView(db: Db, b: BatchRow, now: Date) {
  const [entries, sittings] = await Promise.all([batchEntries(db, b.id), batchSittings(db, b.id)]);
  const today = chinaDate(now);
  const { firstSitting, deadlines } = await deadlinesOf(db, b, sittings, today);
  const seats = await db
    .selectFrom('seat_assignments')
    .innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('seat_assignments.ticket_issued').as('issued')])
    .where('sittings.batch_id', '=', b.id)
    .executeTakeFirst();
  const rooms = await db.selectFrom('rooms').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', b.id).executeTakeFirst();
  const theoryKeys = entries.filter((e) => e.components.includes('theory'));
  const paperSets = theoryKeys.length
    ? await db
        .selectFrom('paper_sets')
        .select(['id', 'occupation_id', 'level', 'created_at'])
        .where('component', '=', 'theory')
        .where('occupation_id', 'in', [...new Set(theoryKeys.map((e) => e.occupationId))])
        .orderBy('id', 'desc')
        .execute()
    : [];
  const forms = paperSets.length
    ? await db.selectFrom('papers').select(['id', 'paper_set_id', 'form', 'status']).where('paper_set_id', 'in', paperSets.map((p) => p.id)).orderBy('form').execute()
    : [];
  return {
    batch: publicBatch(b),
    entries,
    sittings,
    today,
    firstSitting,
    deadlines,
    counts: {
      candidates: entries.reduce((s, e) => s + e.candidates, 0),
      ineligible: entries.reduce((s, e) => s + e.ineligible, 0),
      seated: Number(seats?.n ?? 0),
      ticketsIssued: Number(seats?.issued ?? 0),
      rooms: Number(rooms?.n ?? 0),
    },
    paperSets: paperSets
      .filter((p) => theoryKeys.some((e) => e.occupationId === p.occupation_id && e.level === p.level))
      .map((p) => ({
        id: p.id, occupationId: p.occupation_id, level: p.level, createdAt: p.created_at,
        forms: forms.filter((f) => f.paper_set_id === p.id).map((f) => ({ id: f.id, form: f.form, status: f.status })),
      })),
  };
}
