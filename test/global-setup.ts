import { execFileSync } from 'node:child_process';

/**
 * Build the client once per test run so browser tests drive the current code (about 2 s).
 * Skipped with SKIP_CLIENT_BUILD=1 when a helper runs only domain tests.
 */
export default function setup(): void {
  if (process.env.SKIP_CLIENT_BUILD === '1') return;
  const env = { ...process.env };
  delete env.VITEST; // the build needs the solid plugin that vite.config.ts leaves out under vitest
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit', env });
}
