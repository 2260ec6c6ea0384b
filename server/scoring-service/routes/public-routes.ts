/**
 * `/api/public/…` for anyone: certificate verification (number + name, or the QR link's number + code),
 * rate-limited per address, and the running publicity lists. No session needed, nothing beyond what the
 * certificate or the public notice itself shows.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import { verifyCertificate } from '../certificate-service';
import { publicPublicities } from '../publicity-service';
import { rateLimit } from '../rate-limit';

const verifyQuery = z
  .object({
    no: z.string().trim().min(1, '请输入证书编号').max(40),
    name: z.string().trim().max(50).optional(),
    k: z.string().trim().max(40).optional(),
  })
  .refine((q) => (q.name ?? '') !== '' || (q.k ?? '') !== '', { message: '请输入证书编号和姓名，或扫描证书上的二维码', path: ['name'] });

/** Lookups per address per minute (a person checks a few; a script walking numbers is stopped). */
export const VERIFY_LIMIT_PER_MINUTE = 30;

/** Public routes; one rate limiter per app instance. */
export function publicRoutes(deps: AppDeps) {
  const limiter = rateLimit({ limit: VERIFY_LIMIT_PER_MINUTE, windowMs: 60_000, now: deps.now });
  return new Hono<AppEnv>()
    .get('/certificates/verify', limiter, validate('query', verifyQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json({ certificate: await verifyCertificate(deps.db, q) });
    })
    .get('/publicity', async (c) => c.json({ publicities: await publicPublicities(deps.db, deps.now()) }));
}
