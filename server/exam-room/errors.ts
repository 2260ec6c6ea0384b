import { DomainError, type DomainErrorKind } from '../../question-bank/errors';
import type { RoomErrorCode } from '../realtime/contract';

const KIND: Record<RoomErrorCode, DomainErrorKind> = {
  INVALID_INPUT: 'invalid',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  NO_SEAT: 'notFound',
  NO_PAPER: 'conflict',
  NOT_JOINED: 'conflict',
  NOT_YOUR_ATTEMPT: 'forbidden',
  UNKNOWN_ITEM: 'invalid',
  INVALID_ANSWER: 'invalid',
  ATTEMPT_NOT_STARTED: 'conflict',
  ATTEMPT_PAUSED: 'conflict',
  ATTEMPT_CLOSED: 'conflict',
  TIME_OVER: 'conflict',
  STALE_SEQ: 'conflict',
  SEQ_CONFLICT: 'conflict',
  DEVICE_BLOCKED: 'conflict',
  SEB_REQUIRED: 'forbidden',
  SITTING_CLOSED: 'conflict',
  LATE_ENTRY: 'forbidden',
  STATE_CONFLICT: 'conflict',
  RATE_LIMITED: 'tooMany',
  INTERNAL: 'conflict',
};

/**
 * A refusal of the exam room, carried to sockets as an error ack `{ ok: false, error: { code, message } }`
 * and to HTTP through the one error mapper. `code` is a closed `RoomErrorCode`, `message` Chinese.
 * Example: `throw new RoomRefused('TIME_OVER', '考试时间已到，答案未能保存')`.
 */
export class RoomRefused extends DomainError {
  constructor(readonly roomCode: RoomErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(roomCode, message, KIND[roomCode], details);
  }
}

/** Chinese messages of the codes the candidate sees most, so every path says the same thing. */
export const REFUSALS = {
  notJoined: () => new RoomRefused('NOT_JOINED', '尚未进入考试，请刷新页面重新进入'),
  notYours: () => new RoomRefused('NOT_YOUR_ATTEMPT', '不能为其他考生的考试保存答案'),
  unknownItem: (item: string) => new RoomRefused('UNKNOWN_ITEM', `试卷中没有这道题（${item.slice(0, 60)}）`, { item }),
  closed: () => new RoomRefused('ATTEMPT_CLOSED', '本场考试已交卷，不能再修改答案'),
  notStarted: () => new RoomRefused('ATTEMPT_NOT_STARTED', '考试尚未开始'),
  paused: () => new RoomRefused('ATTEMPT_PAUSED', '考试已暂停，答案将在恢复后保存'),
  timeOver: () => new RoomRefused('TIME_OVER', '考试时间已到，本次修改未能保存；此前已保存的答案仍然有效'),
  stale: (stored: number) => new RoomRefused('STALE_SEQ', '这道题已有更新的答案', { storedSeq: stored }),
  seqConflict: (item: string, seq: number) =>
    new RoomRefused('SEQ_CONFLICT', '这道题已用同一序号保存了不同的答案，本次修改未保存；页面已显示服务器保存的答案，请核对后重新作答', { item, seq }),
  lateEntry: () => new RoomRefused('LATE_ENTRY', '开考已超过 15 分钟，按规定不得入场，请联系监考员'),
  deviceBlocked: () =>
    new RoomRefused('DEVICE_BLOCKED', '您的考试正在另一台设备上进行。如需换机，请举手联系监考员，由监考员允许后继续'),
} as const;
