import { execFileSync } from 'node:child_process';
import { dropLeftoverTestDatabases } from './support/databases';

/**
 * Build the client once per test run so browser tests drive the current code (about 2 s), and drop
 * PostgreSQL test databases a crashed earlier run left behind.
 * SKIP_CLIENT_BUILD=1 skips the build when only server or domain tests run.
 */
export default async function setup(): Promise<void> {
  await dropLeftoverTestDatabases();
  if (process.env.SKIP_CLIENT_BUILD === '1') return;
  const env = { ...process.env };
  delete env.VITEST; // the build needs the solid plugin that vite.config.ts leaves out under vitest
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit', env });
}
