// Audience filter benchmark on the data of bench/seed-customers.mjs (1,000,000 customers,
// 5,000,000 marks over 2,000 tags, 200 staff): the question "any of 3 tags, none of 1, followed by
// one of 20 staff, added in the last 90 days", asked 50 times with varied tags and staff, through
// the server's AudienceService (the built dist, in this process, on its own connection pool)
// and, in the same run and on the same data, as a hand-written SQL answering the same question.
// Each run times the count and the first page (50, newest added first) of both, and checks that
// both count the same. Then the same audience's external_userids are streamed (batches of
// 1,000) for rows/s and the peak RSS of this process. Prints p50/p95 and exits 1 when the
// service's p95 (count + first page) is over --target (300 ms) or over 1.5× the hand SQL's.
//
//   npm run build -w server
//   eval "$(bash scripts/services.sh env)"
//   node bench/seed-customers.mjs 1000000 --tags=2000 --marks=5000000 --db=scrm_bench_audience  # once
//   node bench/audience-filter.mjs [--db=scrm_bench_audience] [--corp=wwbench0000000001] [--runs=50]
//                                  [--target=300] [--stream-filter=bench|broad]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const flag = (name, def) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(hit.indexOf('=') + 1) : def;
};
const DB_NAME = flag('db', 'scrm_bench_audience');
const CORP_ID = flag('corp', 'wwbench0000000001');
const RUNS = Number(flag('runs', 50));
const TARGET_MS = Number(flag('target', 300));
const RATIO = 1.5;

const dist = '../server/dist/server/src';
const { DataSource } = require('typeorm');
const { buildDataSourceOptions } = require(`${dist}/database/typeorm-options`);
const { AudienceRepository } = require(`${dist}/audience/audience.repository`);
const { AudienceService } = require(`${dist}/audience/audience.service`);

const ds = new DataSource(
  buildDataSourceOptions({
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 3306),
    username: process.env.DB_USER ?? 'scrm',
    password: process.env.DB_PASSWORD ?? '',
    database: DB_NAME,
    poolSize: 4,
  }),
);
await ds.initialize();
const audience = new AudienceService(new AudienceRepository(ds));

const tags = (
  await ds.query('SELECT tag_id AS id FROM tag WHERE corp_id = ? ORDER BY tag_id', [CORP_ID])
).map((r) => r.id);
const staff = (
  await ds.query('SELECT user_id AS id FROM staff WHERE corp_id = ? ORDER BY user_id', [CORP_ID])
).map((r) => r.id);
if (tags.length < 4 || staff.length < 20) throw new Error(`seed ${DB_NAME} first (see the header)`);

let seed = 20261201;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const sample = (list, n) => {
  const out = new Set();
  while (out.size < n) out.add(list[Math.floor(rand() * list.length)]);
  return [...out];
};

/**
 * The same question written by hand, joins only: the marks of the 3 tags (idx_customer_tag_tag)
 * through an active relation, a relation of the 20 staff added in the 90 days, and an anti-join
 * on the excluded tag; then the customer rows for the page.
 */
function handSql(q) {
  const matching = `SELECT DISTINCT t.external_user_id FROM customer_tag t
      JOIN follow_relation tr ON tr.corp_id = t.corp_id AND tr.external_user_id = t.external_user_id
        AND tr.user_id = t.user_id AND tr.status = 'active'
      JOIN follow_relation r ON r.corp_id = t.corp_id AND r.external_user_id = t.external_user_id
        AND r.status = 'active' AND r.user_id IN (?) AND r.added_at >= ?
      LEFT JOIN (customer_tag n JOIN follow_relation nr ON nr.corp_id = n.corp_id
          AND nr.external_user_id = n.external_user_id AND nr.user_id = n.user_id
          AND nr.status = 'active')
        ON n.corp_id = t.corp_id AND n.external_user_id = t.external_user_id AND n.tag_id = ?
      WHERE t.corp_id = ? AND t.tag_id IN (?) AND n.tag_id IS NULL`;
  const params = [q.staff, q.from, q.none, CORP_ID, q.any];
  return {
    count: () => ds.query(`SELECT COUNT(*) AS n FROM (${matching}) m`, params),
    page: () =>
      ds.query(
        `SELECT c.id, c.external_user_id, c.name, c.avatar, c.type, c.gender, c.added_at
         FROM (${matching}) m JOIN customer c ON c.corp_id = ? AND c.external_user_id = m.external_user_id
         ORDER BY c.added_at DESC, c.id DESC LIMIT 50`,
        [...params, CORP_ID],
      ),
  };
}

const questions = Array.from({ length: RUNS }, () => {
  const picked = sample(tags, 4);
  return {
    any: picked.slice(0, 3),
    none: picked[3],
    staff: sample(staff, 20),
    from: new Date(Date.now() - 90 * 86_400_000),
  };
});
const filterOf = (q) => ({
  tags: [
    { op: 'any', tagIds: q.any },
    { op: 'none', tagIds: [q.none] },
  ],
  staffUserIds: q.staff,
  addedFrom: q.from.toISOString(),
});

const time = async (fn) => {
  const t = performance.now();
  const out = await fn();
  return { ms: performance.now() - t, out };
};
const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95), max: s.at(-1) };
};

// warm-up: the buffer pool, the connections
for (const q of questions.slice(0, 3)) {
  await audience.count(CORP_ID, filterOf(q));
  await handSql(q).count();
}

const m = { svcCount: [], svcPage: [], svcBoth: [], handCount: [], handPage: [], handBoth: [] };
let sizes = [];
for (const [i, q] of questions.entries()) {
  const f = filterOf(q);
  const hand = handSql(q);
  // alternate who goes first, so neither always meets the other's warm cache
  const runSvc = async () => {
    const c = await time(() => audience.count(CORP_ID, f));
    const p = await time(() => audience.page(CORP_ID, f, { limit: 50 }));
    m.svcCount.push(c.ms);
    m.svcPage.push(p.ms);
    m.svcBoth.push(c.ms + p.ms);
    return { n: c.out, page: p.out.items.map((x) => x.id) };
  };
  const runHand = async () => {
    const c = await time(hand.count);
    const p = await time(hand.page);
    m.handCount.push(c.ms);
    m.handPage.push(p.ms);
    m.handBoth.push(c.ms + p.ms);
    return { n: Number(c.out[0].n), page: p.out.map((x) => String(x.id)) };
  };
  const [a, b] = i % 2 ? [await runHand(), await runSvc()] : [await runSvc(), await runHand()];
  const svc = i % 2 ? b : a;
  const handOut = i % 2 ? a : b;
  if (svc.n !== handOut.n || svc.page.join() !== handOut.page.join())
    throw new Error(`run ${i}: service ${svc.n} vs hand ${handOut.n} (or pages differ)`);
  sizes.push(svc.n);
}

const fmt = (s) =>
  `p50 ${s.p50.toFixed(1).padStart(6)} ms  p95 ${s.p95.toFixed(1).padStart(6)} ms  max ${s.max.toFixed(1).padStart(6)} ms`;
sizes = sizes.sort((x, y) => x - y);
console.log(
  `[bench] ${RUNS} runs on ${DB_NAME}; audience sizes ${sizes[0]}..${sizes.at(-1)} (median ${sizes[Math.floor(sizes.length / 2)]}); service and hand SQL agree on every count and first page`,
);
const rows = [
  ['service: count', m.svcCount],
  ['service: first page (50)', m.svcPage],
  ['service: count + first page', m.svcBoth],
  ['hand SQL: count', m.handCount],
  ['hand SQL: first page (50)', m.handPage],
  ['hand SQL: count + first page', m.handBoth],
];
for (const [name, ms] of rows) console.log(`${name.padEnd(32)} ${fmt(stats(ms))}`);
const svcP95 = stats(m.svcBoth).p95;
const handP95 = stats(m.handBoth).p95;
console.log(`[bench] service / hand SQL at p95: ${(svcP95 / handP95).toFixed(2)}×`);

// streaming: the broadest of the questions above' shape without tags (many rows), in batches
const streamFilter =
  flag('stream-filter', 'broad') === 'bench'
    ? filterOf(questions[0])
    : { staffUserIds: questions[0].staff, addedFrom: questions[0].from.toISOString() };
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
let streamed = 0;
const t0 = performance.now();
for await (const batch of audience.streamExternalUserIds(CORP_ID, streamFilter, 1000)) {
  streamed += batch.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
const streamS = (performance.now() - t0) / 1000;
clearInterval(sampler);
// the whole corp (every customer with an active relation): the scan plan
let all = 0;
const t1 = performance.now();
for await (const batch of audience.streamExternalUserIds(CORP_ID, {}, 1000)) {
  all += batch.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
const allS = (performance.now() - t1) / 1000;
const mb = (b) => (b / 1048576).toFixed(0);
console.log(
  `stream (20 staff, 90 days): ${streamed} ids in ${streamS.toFixed(2)} s = ${Math.round(streamed / streamS)} rows/s`,
);
console.log(
  `stream (every current customer): ${all} ids in ${allS.toFixed(1)} s = ${Math.round(all / allS)} rows/s; RSS ${mb(rssBefore)} MB before, ${mb(peak)} MB peak`,
);
await ds.destroy();

const failures = [];
if (svcP95 > TARGET_MS) failures.push(`p95 ${svcP95.toFixed(0)} ms over ${TARGET_MS} ms`);
if (svcP95 > RATIO * handP95) failures.push(`p95 over ${RATIO}× the hand SQL's`);
console.log(failures.length ? `[bench] FAIL: ${failures.join('; ')}` : '[bench] targets met');
process.exitCode = failures.length ? 1 : 0;
