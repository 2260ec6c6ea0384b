/**
 * HTTP side of the exam room (mounted by server/routes/room.ts under `/api/room`): the proctor's room
 * list, the incident sheet PDF, the page-unload save (`navigator.sendBeacon`, same seq rule as the
 * socket), and the Safe Exam Browser check that hands out a short-lived pass for the socket.
 */
import { Hono } from 'hono';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import { roomAccess, visibleRooms } from './access';
import { storedAnswer } from './answers';
import { loadSeat } from './attempt-service';
import { DomainError } from '../../question-bank/errors';
import { RoomRefused } from './errors';
import { incidentSheetPdf } from './incident-sheet';
import { roomRuntime } from './runtime';
import { beaconSchema, roomParams } from './schemas';
import { parseSebConfig, sebPass, sebUrl, verifySeb } from './seb';

const SEB_PASS_MS = 6 * 3_600_000;

/** The exam room's HTTP routes. */
export function roomHttp(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/rooms', requireRole('proctor', 'supervisor', 'admin'), async (c) => {
      const a = actorOf(c);
      return c.json({ rooms: await visibleRooms(db, { role: a.role, userId: a.userId, organizationId: a.organizationId }) });
    })
    .get('/sittings/:sittingId/rooms/:roomId/incident-sheet', requireRole('proctor', 'supervisor', 'admin'), validate('param', roomParams), async (c) => {
      const a = actorOf(c);
      const p = c.req.valid('param');
      const access = await roomAccess(db, { role: a.role, userId: a.userId, organizationId: a.organizationId }, p.sittingId, p.roomId, 'view');
      const pdf = await incidentSheetPdf(db, p.sittingId, p.roomId, deps.now());
      const name = encodeURIComponent(`考场情况记录单-${access.roomName}.pdf`);
      return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename*=UTF-8''${name}` });
    })
    .post('/beacon', requireRole('candidate'), validate('json', beaconSchema), async (c) => {
      const a = actorOf(c);
      const body = c.req.valid('json');
      const rt = roomRuntime(deps);
      const attempt = await db.selectFrom('attempts').select(['id', 'candidate_id', 'paper_id']).where('id', '=', body.attempt).executeTakeFirst();
      if (!attempt || attempt.candidate_id !== a.candidateId) throw new RoomRefused('NOT_YOUR_ATTEMPT', '不能为其他考生的考试保存答案');
      const paper = await rt.papers.get(attempt.paper_id);
      const results = await Promise.all(
        body.saves.map(async (s) => {
          try {
            const valueJson = storedAnswer(paper, s.item, s.value);
            const out = await rt.writer.save({ attemptId: attempt.id, candidateId: a.candidateId!, item: s.item, seq: s.seq, valueJson, flagged: s.flagged ?? false, deviceId: body.deviceId });
            return out.ok ? { item: s.item, seq: s.seq, ok: true as const } : { item: s.item, seq: s.seq, ok: false as const, code: out.error.code };
          } catch (e) {
            if (e instanceof DomainError) return { item: s.item, seq: s.seq, ok: false as const, code: e.code };
            throw e;
          }
        }),
      );
      return c.json({ results });
    })
    .get('/seb', requireRole('candidate'), async (c) => {
      const a = actorOf(c);
      const seat = a.seatAssignmentId === null ? undefined : await loadSeat(db, a.seatAssignmentId);
      if (!seat) throw new RoomRefused('NO_SEAT', '没有找到您的座位安排，请联系监考员');
      const cfg = parseSebConfig(seat.seb_json);
      if (!cfg) return c.json({ required: false, token: null });
      // The URL SEB hashed, rebuilt from the configured origin: Host and X-Forwarded-* are never trusted.
      const u = new URL(c.req.url);
      const verdict = verifySeb(cfg, sebUrl(deps.config.publicOrigin, u.pathname + u.search), {
        requestHash: c.req.header('X-SafeExamBrowser-RequestHash'),
        configKeyHash: c.req.header('X-SafeExamBrowser-ConfigKeyHash'),
      });
      if (!verdict.ok) {
        throw new RoomRefused('SEB_REQUIRED', '本场考试须使用安全考试浏览器（Safe Exam Browser）并使用考点下发的配置进入', { reason: verdict.reason });
      }
      return c.json({ required: true, token: sebPass(deps.config.sessionSecret, seat.seat_id, deps.now().getTime() + SEB_PASS_MS) });
    });
}
