/**
 * zod schemas of every exam-room socket payload and HTTP body. Anything that does not parse is
 * refused with an `INVALID_INPUT` ack before a handler runs, so malformed input never reaches the
 * database. Limits are generous for real use and small enough to keep one message cheap.
 */
import { z } from 'zod';

const id = z.number().int().positive().max(2_147_483_647);
const reason = z.string().trim().min(1, '请填写原因').max(500);
const deviceId = z.string().min(8).max(80).regex(/^[A-Za-z0-9_-]+$/, '设备标识格式不正确');

/** An answer: option labels (distinct, short) or free text. */
export const answerValue = z.union([z.array(z.string().min(1).max(8)).max(26), z.string().max(20_000)]);

/** `attempt:resume`: this browser's device id, the paper it already holds, an SEB pass. */
export const resumeSchema = z.object({
  deviceId,
  paperKey: z.string().max(64).nullish(),
  sebToken: z.string().max(300).nullish(),
});

/** `answer:save`: one answer with its seq (and flag). */
export const saveSchema = z.object({
  attempt: id,
  item: z.string().min(3).max(120),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  value: answerValue,
  flagged: z.boolean().optional(),
});

/** Events that name only the attempt (heartbeat). */
export const attemptOnly = z.object({ attempt: id });

/** `attempt:signal`: a behaviour signal (focus lost, copy …). */
export const signalSchema = z.object({
  attempt: id,
  signal: z.enum(['blur', 'hidden', 'fullscreen-exit', 'copy', 'paste', 'cut', 'print', 'contextmenu']),
  detail: z.string().max(200).optional(),
});

/** `attempt:submit`: by the candidate, or by the client when the time is up. */
export const submitSchema = z.object({ attempt: id, reason: z.enum(['candidate', 'timeout']) });

/** `clock:sync` payload. */
export const clockSchema = z.object({ clientSentAt: z.number().finite() });

/** A room of a sitting (watch/unwatch). */
export const roomRef = z.object({ sitting: id, room: id });

const target = roomRef.extend({ reason });

/** Every proctor action: room, reason, and the action's own fields. */
export const proctorSchemas = {
  open: target,
  close: target,
  notice: target.extend({ message: z.string().trim().min(1, '请填写通知内容').max(500) }),
  warn: target.extend({ attempt: id, message: z.string().trim().min(1, '请填写警告内容').max(500) }),
  pause: target.extend({ attempt: id.nullish() }),
  resume: target.extend({ attempt: id.nullish() }),
  extend: target.extend({ attempt: id.nullish(), minutes: z.number().int().min(1, '延时至少 1 分钟').max(120, '一次最多延时 120 分钟') }),
  forceSubmit: target.extend({ attempt: id }),
  allowMove: target.extend({ attempt: id }),
  violation: target.extend({ attempt: id, category: z.string().trim().min(1, '请选择违纪类别').max(60) }),
  incident: target.extend({ attempt: id.nullish(), category: z.string().trim().max(60).optional(), action: z.string().trim().max(200).optional() }),
} as const;

/** `sendBeacon` body: the unsent outbox of one attempt when the page goes away. */
export const beaconSchema = z.object({
  attempt: id,
  deviceId,
  saves: z
    .array(z.object({ item: z.string().min(3).max(120), seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), value: answerValue, flagged: z.boolean().optional() }))
    .min(1)
    .max(500),
});

/** Route params of the incident sheet. */
export const roomParams = z.object({ sittingId: z.coerce.number().int().positive(), roomId: z.coerce.number().int().positive() });
