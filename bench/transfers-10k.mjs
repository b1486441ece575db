// Inheritance benchmark (issue 15): a departing guide with 10,000 customers handed to one
// successor against the sandbox. Times the plan (preview), the start (plan stored) and the
// sending of every batch; counts WeCom's transfer calls (must be ⌈10,000 / 100⌉ = 100) and
// result reads; samples the API's and the worker's peak RSS.
//
//   npm run build -w server && npm run build -w wecom-sandbox
//   eval "$(bash scripts/services.sh env)"
//   node bench/transfers-10k.mjs [customers=10000]
//
// Uses its own database `scrm_bench_transfers`. The sandbox, the API and one worker run as
// child processes (bench/support.mjs).
import { randomBytes } from 'node:crypto';
import { childProcesses, procStats, sleep, startBenchStack, waitFor } from './support.mjs';

const customers = Number(process.argv[2] ?? 10000);
const env = {
  ...process.env,
  DB_NAME: 'scrm_bench_transfers',
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: 'bench-password-1',
  BULL_PREFIX: `bench-transfers-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  ENV_FILE: '/nonexistent',
  SYNC_ON_CORP_CREATE: 'false',
  TRANSFER_POLL_MIN_MS: '2000',
};
const { child, stopChildren } = childProcesses(env);

async function main() {
  const stack = await startBenchStack(env, child, 0);
  const { api, sandboxUrl, corp } = stack;
  const sb = async (path, body) => {
    const res = await fetch(`${sandboxUrl}/sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const corpId = corp.corpId;

  for (const [userid, name] of [
    ['bench_leaver', '离职导购'],
    ['bench_heir', '接替导购'],
  ])
    await sb('/users', { userid, name, department: [1], customerContact: true });
  console.log(`adding ${customers} customers to bench_leaver in the sandbox…`);
  const t0Seed = performance.now();
  for (let i = 0; i < customers; i += 50)
    await Promise.all(
      Array.from({ length: Math.min(50, customers - i) }, (_, k) =>
        sb('/customers/add-staff', { userId: 'bench_leaver', customer: { name: `客户${i + k}` } }),
      ),
    );
  await sb('/users/bench_leaver/leave', {});
  console.log(`seeded in ${((performance.now() - t0Seed) / 1000).toFixed(1)} s`);
  await waitFor(
    'the successor in the staff mirror',
    async () => {
      const staff = await api(`/api/admin/staff?corpId=${corpId}&limit=1000`);
      return staff.some((s) => s.userId === 'bench_heir' && s.customerContact);
    },
    120_000,
  );
  await waitFor(
    'the departure with every customer',
    async () => {
      const d = await api(`/api/admin/transfers/departures/refresh?corpId=${corpId}`, 'POST');
      return d.find((x) => x.userId === 'bench_leaver')?.customers === customers;
    },
    120_000,
  );
  // let the worker finish the adds' callbacks, so that they do not share the measurement
  await sleep(5000);

  const peaks = { api: 0, worker: 0 };
  const sampler = setInterval(() => {
    for (const [k, p] of [
      ['api', stack.apiProc],
      ['worker', stack.workerProc],
    ]) {
      const s = procStats(p.pid);
      if (s) peaks[k] = Math.max(peaks[k], s.rssKb);
    }
  }, 100);

  const plan = {
    corpId,
    kind: 'resigned',
    handoverUserId: 'bench_leaver',
    split: 'single',
    takeoverUserId: 'bench_heir',
  };
  const before = await sb('/transfers/calls');
  const t0 = performance.now();
  const preview = await api('/api/admin/transfers/preview', 'POST', plan);
  const tPreview = performance.now() - t0;
  const t1 = performance.now();
  const started = await api('/api/admin/transfers', 'POST', plan);
  const tStart = performance.now() - t1;
  await waitFor(
    'every batch sent',
    async () =>
      (await api(`/api/admin/transfers/${started.id}?corpId=${corpId}&state=planned`)).status !==
      'sending',
    600_000,
  );
  const tSend = performance.now() - t1;
  const afterSend = await sb('/transfers/calls');
  await sb('/clock/advance', { seconds: 86_460 });
  const t2 = performance.now();
  await waitFor(
    'every customer accepted',
    async () =>
      (await api(`/api/admin/transfers/${started.id}?corpId=${corpId}&state=waiting`)).status ===
      'finished',
    600_000,
  );
  const tFinish = performance.now() - t2;
  clearInterval(sampler);
  const end = await sb('/transfers/calls');
  const summary = await api(`/api/admin/transfers/${started.id}?corpId=${corpId}&state=accepted`);
  const d = (a, b, k) => (a.perApi[k] ?? 0) - (b.perApi[k] ?? 0);
  const perCustomer = Object.values(end.perCustomer);
  const result = {
    customers,
    previewItems: preview.items.length,
    batches: preview.batches,
    previewMs: Math.round(tPreview),
    startMs: Math.round(tStart),
    startToAllSentMs: Math.round(tSend),
    transferCalls: d(end, before, 'resigned/transfer_customer'),
    expectedTransferCalls: Math.ceil(customers / 100),
    resultCallsWhileSending: d(afterSend, before, 'resigned/transfer_result'),
    resultCallsAfterClock: d(end, afterSend, 'resigned/transfer_result'),
    clockToFinishedMs: Math.round(tFinish),
    accepted: summary.counts['customer.accepted'] ?? 0,
    maxCallsPerCustomer: Math.max(...perCustomer),
    peakRssMb: { api: Math.round(peaks.api / 1024), worker: Math.round(peaks.worker / 1024) },
  };
  console.log(JSON.stringify(result, null, 2));
  if (result.transferCalls !== result.expectedTransferCalls || result.accepted !== customers)
    process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(stopChildren);
