/**
 * Seeds the benchmark's own SQLite file directly (no HTTP, no demo data): one organization, one open
 * theory sitting, rooms of 30 seats, N candidates with seats and ready-made sessions (the cookie tokens
 * are written to the plan file for the load generator), one proctor per room with a session, and a
 * 100-item paper (20 判断 + 70 单选 + 10 多选) with its item rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { openDatabase } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';
import type { Paper, PaperItem } from '../../question-bank/types';
import { createRng } from '../../question-bank/random';

export interface BenchPlan {
  sittingId: number;
  candidates: { token: string; seat: number; roomId: number }[];
  proctors: { token: string; roomId: number }[];
}

const SEATS_PER_ROOM = 30;

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Build the database at `sqlitePath` for `n` candidates; the sitting opened `now` and lasts `durationMin`. */
export async function seedBench(sqlitePath: string, n: number, now: Date, durationMin: number): Promise<BenchPlan> {
  const h = openDatabase({ databaseUrl: null, sqlitePath });
  await migrateToLatest(h.db);
  const db = h.db;
  const at = now.toISOString();
  const rng = createRng('bench-room');
  const plan: BenchPlan = { sittingId: 0, candidates: [], proctors: [] };
  await db.transaction().execute(async (trx) => {
    const org = await trx.insertInto('organizations').values({ name: '压测评价机构', type: 'training', uscc: '91350100M000100Y43', province: '36', cert_org_code: '0000', cert_org_serial: '010001', cert_issuer: '压测评价机构', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const occ = await trx.insertInto('occupations').values({ code: '6-31-01-03', name: '电工', work_type: '', levels_json: '[5,4,3,2,1]', licensing: 0, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const office = await trx.insertInto('users').values({ organization_id: org.id, username: 'bench-office', display_name: '压测管理员', role: 'admin', password_hash: 'x', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const batch = await trx.insertInto('batches').values({ organization_id: org.id, code: '269901', name: '压测批次', status: 'filed', created_by: office.id, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    // Items: plausible lengths (≈ 40-character stems, 15-character options) so the paper weighs what a real one does.
    const pins: PaperItem[] = [];
    const itemRows = [];
    const text = (len: number, seed: number) => Array.from({ length: len }, (_, i) => String.fromCharCode(0x4e00 + ((seed * 131 + i * 17) % 2000))).join('');
    for (let i = 0; i < 100; i++) {
      const type = i < 20 ? 'judge' : i < 90 ? 'single' : 'multi';
      const labels = type === 'judge' ? ['T', 'F'] : type === 'single' ? ['A', 'B', 'C', 'D'] : ['A', 'B', 'C', 'D', 'E'];
      const key = type === 'judge' ? [labels[rng.int(2)]!] : type === 'single' ? [labels[rng.int(4)]!] : ['A', 'C', 'E'];
      const id = `bench-${String(i + 1).padStart(3, '0')}`;
      pins.push({ itemId: id, version: 1, type, pointCode: `A-B-${String(i % 40).padStart(3, '0')}`, marks: type === 'multi' ? 2 : 0.8, key, optionLabels: labels });
      itemRows.push({
        item_uid: id, version: 1, occupation_id: occ.id, level: 4, type, stem: text(40, i),
        options_json: JSON.stringify(type === 'judge' ? [{ label: 'T', text: '正确' }, { label: 'F', text: '错误' }] : labels.map((l, j) => ({ label: l, text: text(15, i * 7 + j) }))),
        key_json: JSON.stringify(key), reference: null, point_code: 'A-B-001', difficulty: 0.6, discrimination: 0.3, enemy_group: null, status: 'active', created_by: office.id, created_at: at,
      });
    }
    for (const c of chunks(itemRows, 200)) await trx.insertInto('items').values(c).execute();
    const paper: Paper = {
      form: 'A',
      spec: { occupationCode: '6-31-01-03', level: 4, component: 'theory', sections: [{ type: 'judge', count: 20, marksPerItem: 0.8 }, { type: 'single', count: 70, marksPerItem: 0.8 }, { type: 'multi', count: 10, marksPerItem: 2 }], durationMin, passMark: 60, multiRule: { kind: 'allOrNothing' } },
      items: pins,
    };
    const set = await trx.insertInto('paper_sets').values({ occupation_id: occ.id, level: 4, component: 'theory', seed: 'bench', algorithm_version: 'bench', bank_hash: 'bench', quality_json: '{}', created_by: office.id, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const p = await trx.insertInto('papers').values({ paper_set_id: set.id, form: 'A', status: 'released', content_json: JSON.stringify(paper), approved_by: office.id, approved_at: at, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const date = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const sitting = await trx.insertInto('sittings').values({ batch_id: batch.id, component: 'theory', date, start_time: '00:00', duration_min: durationMin, venue: '压测考点', status: 'open', opened_at: at, grace_seconds: 60 }).returning('id').executeTakeFirstOrThrow();
    plan.sittingId = sitting.id;
    await trx.insertInto('sitting_papers').values({ sitting_id: sitting.id, occupation_id: occ.id, level: 4, paper_set_id: set.id, paper_id: p.id }).execute();

    const roomCount = Math.ceil(n / SEATS_PER_ROOM);
    const roomIds: number[] = [];
    for (let r = 0; r < roomCount; r++) {
      const room = await trx.insertInto('rooms').values({ batch_id: batch.id, name: `第${r + 1}考场`, venue: '压测考点', capacity: SEATS_PER_ROOM, columns: 6 }).returning('id').executeTakeFirstOrThrow();
      roomIds.push(room.id);
      // Every room already open (opened by its proctor at seeding), so candidates start as they join.
      await trx.insertInto('sitting_rooms').values({ sitting_id: sitting.id, room_id: room.id, status: 'open', opened_at: at, opened_by: 'system:bench', closed_at: null, closed_by: null }).execute();
      const proctor = await trx.insertInto('users').values({ organization_id: org.id, username: `bench-proctor-${r + 1}`, display_name: `监考员${r + 1}`, role: 'proctor', password_hash: 'x', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('staff_assignments').values({ batch_id: batch.id, user_id: proctor.id, duty: 'proctor', sitting_id: sitting.id, room_id: room.id, group_name: null }).execute();
      const token = randomBytes(24).toString('base64url');
      await trx.insertInto('sessions').values({ id: createHash('sha256').update(token).digest('hex'), user_id: proctor.id, candidate_id: null, seat_assignment_id: null, role: 'proctor', ip: '127.0.0.1', created_at: at, expires_at: new Date(now.getTime() + 86_400_000).toISOString() }).execute();
      plan.proctors.push({ token, roomId: room.id });
    }
    const candidateRows = Array.from({ length: n }, (_, i) => ({
      batch_id: batch.id, occupation_id: occ.id, level: 4, name: `考生${i + 1}`, gender: '男', id_type: '201', id_number: `BENCH${String(i + 1).padStart(8, '0')}`,
      birth_date: '1990-01-01', components_json: '["theory"]', created_at: at,
    }));
    const ids: number[] = [];
    for (const c of chunks(candidateRows, 500)) ids.push(...(await trx.insertInto('candidates').values(c).returning('id').execute()).map((r) => r.id));
    const seats = ids.map((cid, i) => ({ sitting_id: sitting.id, room_id: roomIds[Math.floor(i / SEATS_PER_ROOM)]!, seat_no: (i % SEATS_PER_ROOM) + 1, candidate_id: cid, ticket_no: `B${String(i + 1).padStart(9, '0')}`, ticket_issued: 1 }));
    const seatIds: number[] = [];
    for (const c of chunks(seats, 500)) seatIds.push(...(await trx.insertInto('seat_assignments').values(c).returning('id').execute()).map((r) => r.id));
    const sessions = ids.map((cid, i) => {
      const token = randomBytes(24).toString('base64url');
      plan.candidates.push({ token, seat: seats[i]!.seat_no, roomId: seats[i]!.room_id });
      return { id: createHash('sha256').update(token).digest('hex'), user_id: null, candidate_id: cid, seat_assignment_id: seatIds[i]!, role: 'candidate' as const, ip: '127.0.0.1', created_at: at, expires_at: new Date(now.getTime() + 86_400_000).toISOString() };
    });
    for (const c of chunks(sessions, 500)) await trx.insertInto('sessions').values(c).execute();
  });
  await h.close();
  return plan;
}
