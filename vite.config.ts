/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/**
 * One config for the SolidJS client build (root `client/`, output `dist/client`) and for vitest
 * (tests under `test/`, run from the repository root).
 */
export default defineConfig({
  root: 'client',
  // Under vitest the solid plugin would add browser resolve conditions to server code (ws, socket.io);
  // client components are tested in a real browser against the built bundle instead.
  plugins: process.env.VITEST ? [] : [solid()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2019' },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files share a worker's module cache and seeded template databases: the suite ran 2–3× faster
    // (test/exam-admin + test/bank: 124 s → 45 s). Tests must not leave global state behind.
    isolate: false,
  },
});
