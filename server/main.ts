import { ConfigError, loadConfig } from './config';
import { startServer } from './server';
import { DEMO_CANDIDATE, DEMO_PASSWORD, DEMO_STAFF } from './demo/accounts';
import { verifyPassword } from './auth/password';
import { setupCode, setupNeeded } from './setup/first-run';

/** The one wiring entry point: `npm start`. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const running = await startServer(config);
  // A real issued certificate to try on the public page (the demo issues some; a live system has many).
  const sample = await running.deps.db
    .selectFrom('certificates')
    .innerJoin('candidates', 'candidates.id', 'certificates.candidate_id')
    .select(['certificates.number', 'candidates.name'])
    .where('certificates.status', '=', 'issued')
    .orderBy('certificates.id')
    .limit(1)
    .executeTakeFirst();
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite (${config.sqlitePath})`;
  const tp = config.trustProxy;
  // Said at start so an administrator sees at once whether audit addresses will be nginx's or the clients'.
  const proxy = tp.kind === 'off' ? 'X-Forwarded-For 不采信 ignored (TRUST_PROXY off)'
    : tp.kind === 'hops' ? `信任 ${tp.hops} 层代理 trust ${tp.hops} proxy hop(s)`
    : `信任代理 trusted proxies ${tp.addresses.join(', ')}`;
  const roleNames: Record<string, string> = { admin: '考务管理员', proctor: '监考员', examiner: '考评员', supervisor: '质量督导员' };
  // Demo logins are printed only while they still work: once the office changed the demo password (or
  // the database never had demo data) they would only mislead.
  const office = await running.deps.db.selectFrom('users').select('password_hash').where('username', '=', DEMO_STAFF[0]!.username).executeTakeFirst();
  const demoLive = !!office && (await verifyPassword(DEMO_PASSWORD, office.password_hash));
  const firstRun = await setupNeeded(running.deps.db);
  console.log(
    [
      '',
      `职业技能等级认定系统已启动 · Skill certification system is running`,
      `  打开 Open:   ${running.url}   (public origin ${config.publicOrigin})`,
      `  数据库 DB:   ${where}${running.seeded ? '，已载入演示数据 (demo data loaded)' : ''}`,
      `  客户端地址 Client IP: ${proxy}`,
      ...(firstRun
        ? [
            `  首次使用 First run: 打开 open ${config.publicOrigin}/setup ，填写机构信息和第一个考务管理员账号`,
            `    初始化码 Setup code: ${setupCode(config.sessionSecret)}   (只在初始化前有效 valid until setup is done)`,
          ]
        : []),
      ...(demoLive
        ? [
            `  演示账号 Demo logins (密码 password: ${DEMO_PASSWORD}):`,
            ...DEMO_STAFF.map((u) => `    ${roleNames[u.role]!.padEnd(6, '　')} ${u.username}`),
            `    考生 candidate: 准考证号 ticket ${DEMO_CANDIDATE.ticketNo} + 身份证号 ID ${DEMO_CANDIDATE.idNumber}`,
          ]
        : []),
      `  公众查询 Public verification: ${running.url}/verify${sample ? `  (试试 try ${sample.number} + ${sample.name})` : ''}`,
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error('启动失败 (failed to start):', e instanceof Error ? e.message : e);
  process.exit(1);
});
