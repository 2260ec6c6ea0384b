import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type ContentSecurityPolicyOptions = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>['contentSecurityPolicy']>;
import type { Config } from '../config';
import type { AppEnv } from './context';

/**
 * The Content-Security-Policy of every response. Matches what the built SolidJS client needs
 * (dist/client/index.html has no inline script, only `/assets/*.js` and one stylesheet):
 * - `style-src 'unsafe-inline'`: Solid renders static `style="…"` attributes from HTML templates
 *   (e.g. the hidden photo file input), which a strict style-src would block;
 * - `img-src data: blob:`: QR codes and photo previews;
 * - `connect-src ws: wss:`: socket.io's WebSocket (older browsers do not count ws:// as 'self').
 * Nothing may frame the app (the exam page must not be overlaid by another site) and no plugins load.
 */
export const CONTENT_SECURITY_POLICY: Readonly<ContentSecurityPolicyOptions> = Object.freeze({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
});

/**
 * Hono's `secureHeaders` with our CSP, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` and
 * `X-Content-Type-Options: nosniff`. HSTS only when the public origin is https: behind a school's plain
 * http intranet address it would mean nothing, and on https it keeps later visits off plain http.
 * Example: `app.use('*', securityHeaders(config))`.
 */
export function securityHeaders(config: Pick<Config, 'publicOrigin'>): MiddlewareHandler<AppEnv> {
  const https = config.publicOrigin.startsWith('https:');
  return secureHeaders({
    contentSecurityPolicy: { ...CONTENT_SECURITY_POLICY },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    strictTransportSecurity: https ? 'max-age=15552000' : false,
  });
}
