/**
 * Safe Exam Browser check (optional per sitting, `sittings.seb_json`). SEB sends, on every request,
 * `X-SafeExamBrowser-RequestHash` = SHA-256 hex of (absolute URL without fragment + Browser Exam Key)
 * and `X-SafeExamBrowser-ConfigKeyHash` = SHA-256 hex of (same URL + Config Key). The URL is rebuilt
 * from the configured public origin and the request path — never from Host/X-Forwarded-* headers,
 * which the client controls. Hashes are compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Keys configured for a sitting; an empty list means that check is not required. */
export interface SebConfig {
  browserExamKeys: string[];
  configKeys: string[];
}

const sebSchema = z.object({
  browserExamKeys: z.array(z.string().min(1).max(200)).max(50).default([]),
  configKeys: z.array(z.string().min(1).max(200)).max(50).default([]),
});

/**
 * Parse `sittings.seb_json`. Null (or no key at all) means the sitting does not require SEB.
 * A malformed value is treated as "required, nothing matches" so a typo never silently disables the check.
 */
export function parseSebConfig(json: string | null): SebConfig | null {
  if (json === null || json.trim() === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { browserExamKeys: [], configKeys: ['\u0000invalid-configuration'] };
  }
  const parsed = sebSchema.safeParse(raw);
  if (!parsed.success) return { browserExamKeys: [], configKeys: ['\u0000invalid-configuration'] };
  const cfg = parsed.data;
  return cfg.browserExamKeys.length === 0 && cfg.configKeys.length === 0 ? null : cfg;
}

/** SHA-256 hex of `url + key`, as SEB computes both header values. Example: `sebHash('https://x/a', 'k')`. */
export function sebHash(absoluteUrl: string, key: string): string {
  return createHash('sha256').update(absoluteUrl + key, 'utf8').digest('hex');
}

/** The absolute URL SEB hashed: configured origin + path + query (a fragment never reaches the server). */
export function sebUrl(publicOrigin: string, pathAndQuery: string): string {
  return publicOrigin.replace(/\/$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

function sameHex(a: string, b: string): boolean {
  return sameText(a.toLowerCase(), b.toLowerCase());
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // Lengths of SHA-256 hex are public; compare a same-length dummy to keep the timing flat anyway.
  if (x.length !== y.length) {
    timingSafeEqual(y, y);
    return false;
  }
  return timingSafeEqual(x, y);
}

/** True when `header` equals the hash of the URL with any of `keys`; every key is tried (no early exit). */
function matchesAny(header: string | undefined, url: string, keys: readonly string[]): boolean {
  let ok = false;
  for (const key of keys) {
    if (sameHex(header ?? '', sebHash(url, key))) ok = true;
  }
  return ok && header !== undefined;
}

/** Outcome of a check; `reason` says which header failed (for the candidate's message and the log). */
export type SebVerdict = { ok: true } | { ok: false; reason: 'request-hash' | 'config-key-hash' };

/**
 * Verify the SEB headers of one request against a sitting's keys. Every configured kind must match.
 * Example: `verifySeb(cfg, 'https://exam.example.cn/api/room/seb', { requestHash, configKeyHash })`.
 */
export function verifySeb(cfg: SebConfig, absoluteUrl: string, headers: { requestHash?: string; configKeyHash?: string }): SebVerdict {
  const bekOk = cfg.browserExamKeys.length === 0 || matchesAny(headers.requestHash, absoluteUrl, cfg.browserExamKeys);
  const ckOk = cfg.configKeys.length === 0 || matchesAny(headers.configKeyHash, absoluteUrl, cfg.configKeys);
  if (!bekOk) return { ok: false, reason: 'request-hash' };
  if (!ckOk) return { ok: false, reason: 'config-key-hash' };
  return { ok: true };
}

/**
 * A short-lived pass the client shows on `attempt:resume` after a verified SEB request (the socket
 * handshake cannot carry SEB's per-request hashes). Bound to the seat assignment, signed with the
 * session secret. Example: `sebPass(secret, 12, now + 600_000)`.
 */
export function sebPass(secret: string, seatAssignmentId: number, expiresAt: number): string {
  const body = `${seatAssignmentId}.${expiresAt}`;
  return `${body}.${createHmac('sha256', secret).update(`seb:${body}`).digest('base64url')}`;
}

/** Whether a pass is genuine, for this seat, and not expired at `now`. */
export function checkSebPass(secret: string, pass: string | null | undefined, seatAssignmentId: number, now: number): boolean {
  if (!pass) return false;
  const parts = pass.split('.');
  if (parts.length !== 3) return false;
  const [seat, exp] = parts as [string, string, string];
  if (Number(seat) !== seatAssignmentId || !(Number(exp) > now)) return false;
  const expected = sebPass(secret, seatAssignmentId, Number(exp));
  return sameText(expected, pass);
}
