// `npm run dev`: API server with reload (tsx watch, port 8080) + Vite dev server with hot reload (port 5173, proxies /api and /socket.io).
import { spawn } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const children = [
  spawn(npx, ['tsx', 'watch', 'server/main.ts'], { stdio: 'inherit', env: { ...process.env, PORT: process.env.PORT ?? '8080' } }),
  spawn(npx, ['vite'], { stdio: 'inherit' }),
];
console.log('开发模式 (dev): open http://localhost:5173 — API on :8080');
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => { stop(); process.exitCode = code ?? 0; });
