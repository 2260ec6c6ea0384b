// `npm start` runs this first: build the client when it has not been built yet (fresh clone).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

if (!existsSync('dist/client/index.html')) {
  console.log('首次启动：正在构建前端 (building the client once)…');
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
