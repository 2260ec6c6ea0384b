import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of `process.env`. Validated and frozen at start; a bad value stops the process
 * with a message naming the variable (see `loadConfig`).
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL connection string; when absent the embedded SQLite database is used. */
  readonly databaseUrl: string | null;
  readonly sqlitePath: string;
  readonly redisUrl: string | null;
  readonly sessionSecret: string;
  /** Absolute origin the public reaches us at (QR links, Safe Exam Browser hashes). Never taken from request headers. */
  readonly publicOrigin: string;
  readonly sessionTtlHours: number;
  /** Load demo data into an empty database at start. */
  readonly demoData: boolean;
  readonly nodeEnv: 'production' | 'development' | 'test';
  /**
   * Which reverse proxies may tell us the client's address (X-Forwarded-For). `off` (default): the
   * header is ignored and the TCP peer is the client. See `resolveClientIp` in server/http/client-ip.ts.
   */
  readonly trustProxy: TrustProxy;
}

/**
 * `TRUST_PROXY`: `0`/`false` or unset → off; a number N (1–10) → the last N hops (the TCP peer counts as
 * the first) are our proxies; otherwise a comma-separated list of proxy addresses or CIDR blocks
 * (`127.0.0.1,10.0.0.0/8,::1`) → only those are trusted.
 */
export type TrustProxy =
  | { readonly kind: 'off' }
  | { readonly kind: 'hops'; readonly hops: number }
  | { readonly kind: 'addresses'; readonly addresses: readonly string[] };

/** One `TRUST_PROXY` list entry: an IP address or `address/prefix` with a prefix valid for its family. */
function validProxyEntry(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): TrustProxy => {
    if (/^(0|false|no|off)$/i.test(v)) return { kind: 'off' };
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops > 10) ctx.addIssue({ code: 'custom', message: '代理层数应为 1–10' });
      return { kind: 'hops', hops };
    }
    const addresses = v.split(',').map((a) => a.trim()).filter(Boolean);
    const bad = addresses.filter((a) => !validProxyEntry(a));
    if (!addresses.length || bad.length) {
      ctx.addIssue({ code: 'custom', message: `应为代理层数（如 1）或代理地址/网段列表（如 127.0.0.1,10.0.0.0/8），无法识别：${bad.join(', ') || v}` });
    }
    return { kind: 'addresses', addresses };
  });

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  SQLITE_PATH: z.string().min(1).default('data/skillcert.sqlite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, '必须以 redis:// 或 rediss:// 开头')
    .optional(),
  SESSION_SECRET: z.string().min(16, '至少 16 个字符').optional(),
  PUBLIC_ORIGIN: z
    .string()
    .url('必须是完整的网址，例如 https://exam.example.cn')
    .refine((u) => /^https?:$/.test(new URL(u).protocol), '只支持 http 或 https')
    .refine((u) => {
      const url = new URL(u);
      return url.pathname === '/' && !url.search && !url.hash;
    }, '只能是源地址（不含路径、参数）')
    .optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  DEMO_DATA: bool.optional(),
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  TRUST_PROXY: trustProxy.optional(),
});

/** A random secret created once beside the SQLite file (development and tests without SESSION_SECRET). */
function localSecret(sqlitePath: string): string {
  if (sqlitePath === ':memory:') return randomBytes(32).toString('hex');
  const file = path.join(path.dirname(sqlitePath), 'session-secret');
  try {
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  } catch {
    return randomBytes(32).toString('hex'); // read-only folder: a per-process secret still beats a published one
  }
}

/** A configuration problem found at start; `problems` name each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 (configuration error):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Read and validate the environment. Throws `ConfigError` listing every bad variable.
 * Example: `loadConfig({ PORT: '80' }).port === 80`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" so that `PORT= npm start` behaves like no PORT at all.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const nodeEnv = e.NODE_ENV;
  if (nodeEnv === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: 生产环境必须设置（至少 16 个字符）']);
  }
  const port = e.PORT;
  return Object.freeze({
    port,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    sqlitePath: e.SQLITE_PATH,
    redisUrl: e.REDIS_URL ?? null,
    // Development keeps `npm start` two commands with a random secret kept next to the database;
    // production demands a real one (above).
    sessionSecret: e.SESSION_SECRET ?? localSecret(e.SQLITE_PATH),
    publicOrigin: (e.PUBLIC_ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, ''),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    // Demo accounts with a published password must never appear in a production database by default.
    demoData: e.DEMO_DATA ?? nodeEnv !== 'production',
    nodeEnv,
    trustProxy: Object.freeze(e.TRUST_PROXY ?? { kind: 'off' }),
  });
}
