// Full-sync benchmark: a sandbox corp with N customers, registered through the admin API, then one
// full sync (POST /api/admin/sync/:corpId) polled until done. Reports total time, time per phase
// (from sync_run.phase, sampled every second), customers/s, the worker's RSS every second
// (/proc/<pid>/status VmRSS: start, max, end), CPU seconds per process and the API calls the
// sandbox served.
//
//   npm run build -w server -w wecom-sandbox
//   node bench/full-sync.mjs [customers=100000] [timeoutSeconds=1800]
//
// Needs MariaDB and Redis (scripts/services.sh start; eval "$(bash scripts/services.sh env)").
// Uses its own database `scrm_bench_sync`, dropped and re-created on every run. Three child
// processes, all on 127.0.0.1: the sandbox (wecom-sandbox/dist/src/main.js), the API
// (APP_MODE=api) and one worker (worker.js, every queue). All are killed when the run ends.
import { randomBytes } from 'node:crypto';
import {
  childProcesses,
  connectDb,
  pidOnPort,
  procStats,
  sleep,
  startBenchStack,
} from './support.mjs';
import { loadavg } from 'node:os';

const customers = Number(process.argv[2] ?? 100000);
const timeoutSeconds = Number(process.argv[3] ?? 1800);
const DB_NAME = 'scrm_bench_sync';
const mib = (kb) => Math.round(kb / 1024);

const env = {
  ...process.env,
  DB_NAME,
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: 'bench-password-1',
  BULL_PREFIX: `bench-sync-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  SYNC_ON_CORP_CREATE: 'false',
  ENV_FILE: '/nonexistent',
};

const { child, stopChildren } = childProcesses(env);

async function main() {
  const load = loadavg().map((x) => x.toFixed(2));
  console.error(`[bench] load average before the run: ${load.join(' ')}`);
  const { sandboxUrl, sandboxSeedS, sandboxProc, apiProc, workerProc, corp, api } =
    await startBenchStack(env, child, customers);
  const sandbox = async (path) => (await fetch(`${sandboxUrl}/sandbox${path}`)).json();
  // the worker is up once its RSS stops climbing from boot; give it a moment, then measure
  await sleep(3000);

  const dbPid = await pidOnPort(env.DB_PORT ?? 3306);
  const redisPid = await pidOnPort(env.REDIS_PORT ?? 6379);
  const pids = {
    worker: workerProc.pid,
    api: apiProc.pid,
    sandbox: sandboxProc.pid,
    ...(dbPid ? { mariadb: dbPid } : {}),
    ...(redisPid ? { redis: redisPid } : {}),
  };
  const cpuAtStart = Object.fromEntries(
    Object.entries(pids).map(([k, pid]) => [k, procStats(pid)?.cpuS]),
  );
  const summary0 = await sandbox('/state/summary');
  const rss = []; // worker VmRSS KiB, one per second
  const phases = []; // { phase, atS, apiCalls }
  let lastRun;
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  await api(`/api/admin/sync/${corp.corpId}`, 'POST');

  // phases polled every 250 ms, the worker's RSS sampled every second
  for (let tick = 0; ; tick++) {
    const w = procStats(workerProc.pid);
    if (!w) throw new Error('the worker died during the sync');
    if (tick % 4 === 0) rss.push(w.rssKb);
    const [run] = await api(`/api/admin/sync/${corp.corpId}`);
    if (run) {
      lastRun = run;
      const phase = run.status === 'running' ? run.phase : run.status;
      if (phases.at(-1)?.phase !== phase) {
        const { apiCalls } = await sandbox('/state/summary');
        phases.push({ phase, atS: elapsed(), apiCalls });
        console.error(
          `[bench] ${elapsed().toFixed(1)} s: ${phase} (worker RSS ${mib(w.rssKb)} MiB)`,
        );
      }
      if (run.status !== 'running') break;
    }
    if (elapsed() > timeoutSeconds) throw new Error(`sync not done after ${timeoutSeconds} s`);
    await sleep(250);
  }
  const totalS = elapsed();
  const cpu = Object.fromEntries(
    Object.entries(pids).map(([k, pid]) => {
      const s = procStats(pid)?.cpuS;
      return [k, s === undefined ? null : Math.round((s - cpuAtStart[k]) * 10) / 10];
    }),
  );
  const summary1 = await sandbox('/state/summary');

  const db = await connectDb(env, DB_NAME);
  const count = async (sql) => Number((await db.query(sql, [corp.corpId]))[0][0].n);
  const mirror = {
    customers: await count('SELECT COUNT(*) n FROM customer WHERE corp_id = ?'),
    followRelations: await count(
      "SELECT COUNT(*) n FROM follow_relation WHERE corp_id = ? AND status = 'active'",
    ),
    customerTags: await count('SELECT COUNT(*) n FROM customer_tag WHERE corp_id = ?'),
    staff: await count('SELECT COUNT(*) n FROM staff WHERE corp_id = ?'),
    groups: await count('SELECT COUNT(*) n FROM group_chat WHERE corp_id = ?'),
  };
  await db.end();

  const phaseTimes = phases
    .filter((p) => p.phase !== 'done' && p.phase !== 'failed')
    .map((p) => {
      const next = phases[phases.indexOf(p) + 1] ?? { atS: totalS, apiCalls: summary1.apiCalls };
      return {
        phase: p.phase,
        seconds: Math.round((next.atS - p.atS) * 10) / 10,
        apiCalls: next.apiCalls - p.apiCalls,
      };
    });
  const result = {
    customers,
    loadBefore: load,
    sandboxSeedSeconds: Math.round(sandboxSeedS * 10) / 10,
    status: lastRun.status,
    error: lastRun.error ?? null,
    totalSeconds: Math.round(totalS * 10) / 10,
    customersPerSecond: Math.round(mirror.customers / totalS),
    phases: phaseTimes,
    sandboxApiCalls: summary1.apiCalls - summary0.apiCalls,
    sandbox: { customers: summary1.customers, followRelations: summary1.followRelations },
    mirror,
    checkpoint: lastRun.checkpoint,
    workerRssMiB: {
      start: mib(rss[0]),
      max: mib(Math.max(...rss)),
      end: mib(rss.at(-1)),
      samples: rss.length,
      every5s: rss.filter((_, i) => i % 5 === 0).map(mib),
    },
    cpuSeconds: cpu,
    loadAfter: loadavg().map((x) => x.toFixed(2)),
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `full sync of ${customers} customers: ${result.status} in ${result.totalSeconds} s ` +
      `(${result.customersPerSecond} customers/s, ${result.sandboxApiCalls} WeCom calls); ` +
      `worker RSS ${result.workerRssMiB.start} → max ${result.workerRssMiB.max} → ${result.workerRssMiB.end} MiB`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(stopChildren);
