// Chat archive ingestion benchmark: messages per second from the sidecar's POST (1,000 a request)
// until the chat rules have run on every one of them (200 enabled rules, word segmentation on,
// marks written to the sandbox through TagMarkService), beside a bare batched INSERT of the same
// messages (1,000-row INSERTs into a copy of chat_message) in the same run, before and after.
// A first (cold) pass makes the first marks of most relation × tag pairs (one WeCom mark_tag
// each) and is reported apart; the second (warm) pass, new messages of the same mix, is the
// measured steady state compared with the bare INSERT.
//
//   npm run build -w server && npm run build -w wecom-sandbox
//   node bench/chat-ingest.mjs [messages=20000] [customers=2000] [parallel=2]
//
// Needs MariaDB and Redis (scripts/services.sh start). Uses its own database `scrm_bench_chat`.
// The API and one worker are child processes (bench/support.mjs startBenchStack); the demo corp
// is fully synced first so the messages are between real relations.
import { randomBytes } from 'node:crypto';
import {
  childProcesses,
  connectDb,
  pidOnPort,
  procStats,
  sleep,
  startBenchStack,
  waitFor,
} from './support.mjs';

const total = Number(process.argv[2] ?? 20000);
const customers = Number(process.argv[3] ?? 2000);
const parallel = Number(process.argv[4] ?? 2);
const BATCH = 1000;
const RULES = 200;

const env = {
  ...process.env,
  DB_NAME: 'scrm_bench_chat',
  LOG_LEVEL: 'warn',
  JWT_SECRET: randomBytes(36).toString('base64'),
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ADMIN_INITIAL_PASSWORD: 'bench-password-1',
  BULL_PREFIX: `bench-chat-${Date.now()}`,
  SWAGGER_ENABLED: 'false',
  SYNC_ON_CORP_CREATE: 'false',
  ENV_FILE: '/nonexistent',
};

// a small deterministic PRNG, so every run sends the same messages
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (a) => a[Math.floor(rand() * a.length)];

/** Product and intent words the rules look for (jieba's dictionary has them as words). */
const WORDS = (
  '奶粉 尿布 口红 面霜 精华 防晒 洗发水 沐浴露 牙膏 香水 眼霜 面膜 粉底 睫毛膏 唇膏 卸妆 ' +
  '爽肤水 乳液 护手霜 身体乳 纸巾 湿巾 奶瓶 玩具 童装 鞋子 背包 手表 耳机 手机 电脑 平板 ' +
  '冰箱 空调 洗衣机 电视 微波炉 烤箱 咖啡 茶叶 红酒 白酒 啤酒 饼干 巧克力 坚果 水果 牛奶 ' +
  '退货 退款 换货 发票 快递 物流 优惠 折扣 会员 积分 价格 预约 到店 试用 保修 售后'
).split(' ');
const FILLER = [
  '您好，请问',
  '我想了解一下',
  '上次买的',
  '有没有新的',
  '能不能便宜点',
  '什么时候到货',
  '周末有活动吗',
  '帮我看看',
  '谢谢，我再考虑一下',
  '好的，明天联系',
];
const PLAIN = [
  '好的收到',
  '今天天气不错',
  '在吗',
  '稍等我看一下',
  '明天下午可以吗',
  '我在开会，晚点回复你',
  '没问题',
  '辛苦了',
];

function sentence() {
  // ~1 in 4 messages names a product or intent word; the rest are small talk
  if (rand() < 0.25) return `${pick(FILLER)}${pick(WORDS)}${pick(['？', '。', '', '呢'])}`;
  return pick(PLAIN);
}

async function main() {
  const { child: spawnChild, stopChildren } = childProcesses(env);
  // BENCH_CPU_PROF=<dir>: the API and the worker write V8 CPU profiles there when they stop
  const prof = process.env.BENCH_CPU_PROF;
  const child = (name, args, ...rest) =>
    spawnChild(
      name,
      prof && name !== 'sandbox' ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, ...args] : args,
      ...rest,
    );
  try {
    const { api, corp, base, apiProc, workerProc } = await startBenchStack(env, child, customers);
    // CPU seconds of each process over a phase: where the pipeline's time goes beside the bare
    // INSERT's (MariaDB, the bench's own mysql2 client)
    const dbPid = await pidOnPort(Number(env.DB_PORT ?? 3306));
    const cpuNow = () => ({
      api: procStats(apiProc.pid)?.cpuS ?? 0,
      worker: procStats(workerProc.pid)?.cpuS ?? 0,
      mariadb: dbPid ? (procStats(dbPid)?.cpuS ?? 0) : 0,
      bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    });
    const cpuSince = (before) => {
      const now = cpuNow();
      return Object.fromEntries(
        Object.keys(now).map((k) => [k, Number((now[k] - before[k]).toFixed(2))]),
      );
    };
    const corpId = corp.corpId;
    await api(`/api/admin/sync/${corpId}`, 'POST');
    await waitFor(
      'the full sync',
      async () => (await api(`/api/admin/sync/${corpId}`))[0]?.status === 'done',
      600_000,
    );
    const db = await connectDb(env, env.DB_NAME);
    const relations = (
      await db.query(
        `SELECT external_user_id AS ext, user_id AS user FROM follow_relation
         WHERE corp_id = ? AND status = 'active'`,
        [corpId],
      )
    )[0];
    const tags = (await db.query('SELECT tag_id AS id FROM tag WHERE corp_id = ?', [corpId]))[0];
    console.log(`[bench] ${relations.length} relations, ${tags.length} tags`);

    for (let i = 0; i < RULES; i++)
      await api('/api/admin/chat-rules', 'POST', {
        corpId,
        name: `规则 ${i + 1}`,
        matchMode: 'any',
        keywords: [WORDS[i % WORDS.length], WORDS[(i * 7 + 3) % WORDS.length]],
        exclusions: ['不要了'],
        segmentation: true,
        customWords: i % 10 === 0 ? [`品牌${i}`] : [],
        senders: i % 4 === 0 ? ['customer', 'staff'] : ['customer'],
        chatTypes: ['private', 'group'],
        tagIds: [tags[i % tags.length].id],
      });
    const { token } = await api('/api/admin/chat-archive/ingest-token', 'POST', { corpId });

    const t0 = Date.now() - 86400_000;
    const makeMessages = (pass) =>
      Array.from({ length: total }, (_, i) => {
        const r = relations[Math.floor(rand() * relations.length)];
        const fromCustomer = rand() < 0.6;
        return {
          msgid: `bench${pass}_${i}_${t0 + i}_external`,
          action: 'send',
          from: fromCustomer ? r.ext : r.user,
          tolist: [fromCustomer ? r.user : r.ext],
          roomid: '',
          msgtime: t0 + pass * total * 10 + i * 10,
          msgtype: 'text',
          text: { content: sentence() },
        };
      });
    const toBatches = (messages) => {
      const out = [];
      for (let i = 0; i < messages.length; i += BATCH) out.push(messages.slice(i, i + BATCH));
      return out;
    };
    // pass 1 (cold): most relation × tag pairs are marked for the first time (a WeCom mark_tag
    // each); pass 2 (warm, the measured steady state): new messages, the marks mostly there
    const coldBatches = toBatches(makeMessages(1));
    const batches = toBatches(makeMessages(2));

    // ---- the bare INSERT: the same rows into a copy of chat_message, 1,000 a statement
    await db.query('DROP TABLE IF EXISTS bench_bare_chat');
    await db.query('CREATE TABLE bench_bare_chat LIKE chat_message');
    let bareCpu;
    const bare = async () => {
      await db.query('TRUNCATE TABLE bench_bare_chat');
      const cpu0 = cpuNow();
      const start = performance.now();
      for (const b of batches)
        await db.query(
          `INSERT IGNORE INTO bench_bare_chat
             (corp_id, msgid, action, from_id, tolist, room_id, msgtime, msgtype, text, content)
           VALUES ?`,
          [
            b.map((m) => [
              corpId,
              m.msgid,
              m.action,
              m.from,
              JSON.stringify(m.tolist),
              m.roomid,
              m.msgtime,
              m.msgtype,
              m.text.content,
              JSON.stringify(m),
            ]),
          ],
        );
      const rate = total / ((performance.now() - start) / 1000);
      bareCpu = cpuSince(cpu0);
      return rate;
    };

    // ---- the pipeline: POST to the API, until the worker's rules ran on every message
    const pipeline = async (batches, expected) => {
      const cpu0 = cpuNow();
      const start = performance.now();
      let next = 0;
      const post = async () => {
        while (next < batches.length) {
          const b = batches[next++];
          const res = await fetch(`${base}/api/chat-archive/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ messages: b }),
          });
          if (res.status !== 200) throw new Error(`ingest: ${res.status} ${await res.text()}`);
        }
      };
      await Promise.all(Array.from({ length: parallel }, post));
      const acked = performance.now();
      // done when the corp's rules cursor reached its newest message (two look-ups on a key,
      // not a count of the corp's messages every 50 ms); every message was stored (below)
      for (;;) {
        const [[r]] = await db.query(
          `SELECT (SELECT MAX(id) FROM chat_message WHERE corp_id = ?) AS maxId,
             (SELECT last_id FROM chat_archive_pass WHERE corp_id = ?) AS lastId`,
          [corpId, corpId],
        );
        if (r.lastId !== null && BigInt(r.lastId) >= BigInt(r.maxId)) break;
        await sleep(50);
      }
      const end = performance.now();
      const cpu = cpuSince(cpu0);
      const [[{ n }]] = await db.query('SELECT COUNT(*) AS n FROM chat_message WHERE corp_id = ?', [
        corpId,
      ]);
      if (Number(n) < expected) throw new Error(`${n} messages stored, ${expected} expected`);
      return {
        rate: total / ((end - start) / 1000),
        ackRate: total / ((acked - start) / 1000),
        cpu,
      };
    };

    const countMarks = async () =>
      Number(
        (
          await db.query(
            "SELECT COUNT(*) AS n FROM customer_tag WHERE corp_id = ? AND source = 'chat_rule'",
            [corpId],
          )
        )[0][0].n,
      );
    const cold = await pipeline(coldBatches, total);
    const coldMarks = await countMarks();
    const bare1 = await bare();
    const bare1Cpu = bareCpu;
    const pipe = await pipeline(batches, 2 * total);
    const bare2 = await bare();
    const warmMarks = (await countMarks()) - coldMarks;
    const bareRate = (bare1 + bare2) / 2;
    const [[hits]] = await db.query(
      'SELECT SUM(hit_count) AS hits FROM chat_tag_rule WHERE corp_id = ?',
      [corpId],
    );
    console.log(
      JSON.stringify(
        {
          messages: total,
          rules: RULES,
          batch: BATCH,
          parallelRequests: parallel,
          cold: {
            pipelinePerS: Math.round(cold.rate),
            acknowledgedPerS: Math.round(cold.ackRate),
            marks: coldMarks,
          },
          bareInsertPerS: [Math.round(bare1), Math.round(bare2)],
          bareCpuSeconds: [bare1Cpu, bareCpu],
          warm: {
            pipelinePerS: Math.round(pipe.rate),
            acknowledgedPerS: Math.round(pipe.ackRate),
            marks: warmMarks,
            cpuSeconds: pipe.cpu,
          },
          ratioToBare: Number((pipe.rate / bareRate).toFixed(2)),
          ruleHits: Number(hits.hits),
        },
        null,
        2,
      ),
    );
    await db.query('DROP TABLE bench_bare_chat');
    await db.end();
  } finally {
    stopChildren();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
