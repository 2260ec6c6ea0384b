/**
 * 首次使用 (first run): a production installation starts with an empty database and no account to log
 * in with. Whoever holds the setup code creates the organization and its first exam-office account
 * (考务管理员) once; after that the setup is closed for good.
 *
 * The code is derived from the session secret (HMAC), so every node and every restart agree on it
 * without storing anything, and only someone who can read the server's configuration or console can
 * learn it: a stranger who reaches a fresh server first cannot claim it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import { systemActor } from '../auth/actor';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/schema';
import type { Dialect } from '../db/connect';
import { DomainError } from '../../question-bank/errors';
import { StateConflict, ValidationFailed } from '../errors';
import { settingsBody } from '../exam-admin/organization-settings';
import { validateUscc } from '../exam-admin/rules';
import { password, username } from '../routes/users';

/** Unambiguous letters and digits (no 0/O, 1/I/L), so the code can be read off a console and typed. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * The installation's setup code: 12 characters in groups of four (≈ 59 bits), e.g. `K7QM-3XWB-T9RA`.
 * Same secret ⇒ same code.
 */
export function setupCode(sessionSecret: string): string {
  const mac = createHmac('sha256', sessionSecret).update('skillcert first-run setup').digest();
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[mac[i]! % ALPHABET.length]!;
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** Whether the database still has no organization (nothing else can be done before setup). */
export async function setupNeeded(db: Kysely<Database>): Promise<boolean> {
  return !(await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst());
}

/** What the setup form sends. */
export const setupBody = z.object({
  setupCode: z.string().trim().min(1, '请输入初始化码'),
  organization: settingsBody,
  admin: z.object({
    username,
    displayName: z.string().trim().min(1, '请输入姓名').max(50),
    password,
  }),
});
export type SetupInput = z.infer<typeof setupBody>;

/** The setup code does not match this installation's. */
export class SetupCodeWrong extends DomainError {
  constructor() {
    super('SETUP_CODE_WRONG', '初始化码不正确（见服务器启动时打印的“初始化码”）', 'forbidden', { field: 'setupCode' });
  }
}

const normalise = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * Create the organization and its first 考务管理员 in one audited transaction.
 * Throws `SetupCodeWrong` for a wrong code, `StateConflict('ALREADY_SET_UP')` once any
 * organization exists (also when two setups race), `ValidationFailed` for a bad 统一社会信用代码.
 */
export async function createFirstOrganization(
  db: Kysely<Database>,
  dialect: Dialect,
  sessionSecret: string,
  input: SetupInput,
  now: Date,
): Promise<{ organizationId: number; userId: number }> {
  const want = Buffer.from(normalise(setupCode(sessionSecret)));
  const got = Buffer.from(normalise(input.setupCode));
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    throw new SetupCodeWrong();
  }
  const uscc = validateUscc(input.organization.uscc);
  if (!uscc.ok) throw new ValidationFailed(uscc.problems.map((problem) => ({ field: 'organization.uscc', problem })));
  const hash = await hashPassword(input.admin.password);
  const o = input.organization;
  return db.transaction().execute(async (trx) => {
    // SQLite transactions already hold the write lock (BEGIN IMMEDIATE); PostgreSQL needs the table
    // locked so that two setups cannot both see an empty table.
    if (dialect === 'postgres') await sql`lock table organizations in exclusive mode`.execute(trx);
    if (!(await setupNeeded(trx))) throw new StateConflict('ALREADY_SET_UP', '系统已完成初始化，请直接登录', {});
    const at = now.toISOString();
    const org = await trx
      .insertInto('organizations')
      .values({ name: o.name, type: o.type, uscc: uscc.value, province: o.province, cert_org_code: o.certOrgCode, cert_org_serial: o.certOrgSerial, cert_issuer: o.certIssuer, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('users')
      .values({ organization_id: org.id, username: input.admin.username, display_name: input.admin.displayName, role: 'admin', password_hash: hash, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, systemActor('first-run-setup'), {
      action: 'setup.complete',
      objectType: 'organization',
      objectId: org.id,
      after: { organization: { ...o, uscc: uscc.value }, admin: { id: user.id, username: input.admin.username, displayName: input.admin.displayName } },
    }, now);
    return { organizationId: org.id, userId: user.id };
  });
}
