/** Demo logins printed at start and used by the browser tests. Demo only: change them in production. */
export const DEMO_PASSWORD = 'Demo2026!';

export const DEMO_STAFF = [
  { username: 'office', displayName: '王敏（考务管理员）', role: 'admin' },
  { username: 'office2', displayName: '陈静（考务复核员）', role: 'admin' },
  { username: 'proctor1', displayName: '李强（监考员）', role: 'proctor' },
  { username: 'proctor2', displayName: '赵丽（监考员）', role: 'proctor' },
  { username: 'examiner1', displayName: '张伟（考评员）', role: 'examiner' },
  { username: 'examiner2', displayName: '刘洋（考评员）', role: 'examiner' },
  { username: 'examiner3', displayName: '孙磊（考评员）', role: 'examiner' },
  { username: 'supervisor', displayName: '周红（内部质量督导员）', role: 'supervisor' },
] as const;

/**
 * The demo candidate's admission ticket (batch 261101, room 001, seat 01, check digit 2 — see
 * server/exam-admin/rules/ticket-number.ts) and ID number (a valid GB 11643 number).
 */
export const DEMO_CANDIDATE = { name: '黄小明', ticketNo: '261101001012', idNumber: '110105199003071239' } as const;
