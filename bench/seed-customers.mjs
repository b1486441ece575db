// Seeds a corp with N customers straight into the real schema (migrated by the server's own
// migrations), for the console's list and audience benchmarks: a department tree (1 root, 10
// departments, 30 sub-departments) and staff in it, 20 channels (40 % of relations came through
// one), customers (10 % WeCom users, 30 % with a last chat in the last 180 days, 20 % in one of
// 500 customer groups), follow relations (about 10 % of customers have two followers, 10 % of
// relations with a description), and — with --tags — corp tags and tag marks. Deterministic:
// the same N and seed give the same rows.
//
//   npm run build -w server
//   eval "$(bash scripts/services.sh env)"
//   node bench/seed-customers.mjs [customers=1000000] [--db=scrm_bench_customers] [--corp=wwbench0000000001]
//                                 [--staff=200] [--tags[=2000]] [--marks=5000000] [--seed=20261201] [--keep]
//
// --tags alone: 9 tags in 2 groups, about one mark for every other relation. --tags=N: N tags in
// groups of 50, and --marks=M marks in all (default 5,000,000), spread over the relations
// (30 % of them on the 30 "hot" tags, the rest uniform). The audience benchmark's data:
//   node bench/seed-customers.mjs 1000000 --tags=2000 --marks=5000000 --db=scrm_bench_audience
//
// The database (default `scrm_bench_customers`) is dropped and migrated afresh unless --keep is
// given (then the corp's rows are added to what is there). The corp row is registered with sealed
// placeholder secrets (SECRETS_ENCRYPTION_KEY of the environment, or a random one printed at the
// end): it is for reads, not for calling WeCom. Prints rows per second and the final counts.
// Used by bench/customers-page.mjs; the tags issue reuses it with --tags.
import { randomBytes } from 'node:crypto';
import { connectDb, freshDatabase, runToEnd, seal } from './support.mjs';

const args = process.argv.slice(2);
const flag = (name, def) => {
  const hit = args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return def;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : true;
};
const customers = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const DB_NAME = flag('db', 'scrm_bench_customers');
const CORP_ID = flag('corp', 'wwbench0000000001');
const STAFF = Number(flag('staff', 200));
const tagsFlag = flag('tags', false);
const withTags = Boolean(tagsFlag);
const TAG_COUNT = tagsFlag === true || !tagsFlag ? 0 : Number(tagsFlag);
const MARKS = Number(flag('marks', 5_000_000));
const keep = Boolean(flag('keep', false));
let seed = Number(flag('seed', 20261201)) >>> 0;
const BATCH = 5000;

/** mulberry32: small, fast, deterministic. */
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(rand() * list.length)];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建辉玲燕文斌宇浩凯欣怡婷雪琳晨曦佳琪梓涵子轩雨萱浩然思远嘉怡',
];
const chineseName = () => pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const externalId = () => {
  let s = 'wm';
  for (let i = 0; i < 28; i++) s += URL_SAFE[Math.floor(rand() * 64)];
  return s;
};

const env = { ...process.env, DB_NAME, LOG_LEVEL: 'warn', ENV_FILE: '/nonexistent' };
env.SECRETS_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
env.JWT_SECRET ??= randomBytes(36).toString('base64');
const key = Buffer.from(env.SECRETS_ENCRYPTION_KEY, 'base64');

const t0 = performance.now();
if (!keep) await freshDatabase(env);
const db = await connectDb(env, DB_NAME);
await db.query("SET SESSION time_zone = '+00:00'");

await db.query(
  `INSERT INTO corp (id, name, agent_id, agent_secret_sealed, contact_secret_sealed,
     address_book_secret_sealed, callback_token_sealed, encoding_aes_key_sealed)
   VALUES (?, ?, 1000002, ?, NULL, NULL, ?, ?)
   ON DUPLICATE KEY UPDATE name = VALUES(name)`,
  [
    CORP_ID,
    '压测企业',
    seal(key, 'placeholder'),
    seal(key, 'placeholder'),
    seal(key, 'x'.repeat(43)),
  ],
);

// departments: 1 (root), 2..11 under it, 12..41 three under each of those
const departments = [[1, '总部', 0]];
for (let d = 0; d < 10; d++) departments.push([2 + d, `事业部${d + 1}`, 1]);
for (let d = 0; d < 30; d++) departments.push([12 + d, `门店${d + 1}`, 2 + Math.floor(d / 3)]);
await db.query(
  `INSERT IGNORE INTO department (corp_id, id, name, parent_id, sort_order)
   VALUES ${departments.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
  departments.flatMap(([id, name, parent]) => [CORP_ID, id, name, parent, 100000 - id]),
);
const staffIds = Array.from({ length: STAFF }, (_, i) => `staff${String(i + 1).padStart(4, '0')}`);
// most staff in a store (sub-department), some in a division, staff0001 at the root
const staffDept = staffIds.map((_, i) =>
  i === 0 ? 1 : i % 5 === 0 ? 2 + (i % 10) : 12 + (i % 30),
);
await db.query(
  `INSERT IGNORE INTO staff (corp_id, user_id, name, department_ids, main_department, customer_contact)
   VALUES ${staffIds.map(() => '(?, ?, ?, ?, ?, 1)').join(', ')}`,
  staffIds.flatMap((id, i) => [CORP_ID, id, chineseName(), `[${staffDept[i]}]`, staffDept[i]]),
);

const channels = [];
for (let i = 0; i < 20; i++) {
  const state = `ch_bench${String(i + 1).padStart(2, '0')}`;
  const [res] = await db.query(
    `INSERT INTO channel (corp_id, name, type, staff, department_ids, tag_ids, state)
     VALUES (?, ?, 'single', ?, '[]', '[]', ?)
     ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)`,
    [CORP_ID, `渠道${i + 1}`, JSON.stringify([{ userId: staffIds[i % STAFF] }]), state],
  );
  channels.push({ id: res.insertId, state });
}

const GROUPS = 500;
const chatIds = Array.from(
  { length: GROUPS },
  (_, i) => `wrbenchgroup${String(i + 1).padStart(4, '0')}`,
);
await db.query(
  `INSERT IGNORE INTO group_chat (corp_id, chat_id, name, owner_user_id, member_count)
   VALUES ${chatIds.map(() => '(?, ?, ?, ?, 0)').join(', ')}`,
  chatIds.flatMap((id, i) => [CORP_ID, id, `客户群${i + 1}`, staffIds[i % STAFF]]),
);

const tagIds = [];
if (TAG_COUNT) {
  const groupRows = [];
  const tagRows = [];
  for (let i = 0; i < TAG_COUNT; i++) {
    const g = Math.floor(i / 50) + 1;
    if (i % 50 === 0) groupRows.push(CORP_ID, `etbenchgroup${g}`, `标签组${g}`);
    const tagId = `etbench${String(i + 1).padStart(5, '0')}`;
    tagIds.push(tagId);
    tagRows.push(CORP_ID, tagId, `etbenchgroup${g}`, `标签${i + 1}`);
  }
  await db.query(
    `INSERT IGNORE INTO tag_group (corp_id, group_id, name)
     VALUES ${Array.from({ length: groupRows.length / 3 }, () => '(?, ?, ?)').join(', ')}`,
    groupRows,
  );
  for (let i = 0; i < tagRows.length; i += 4000)
    await db.query(
      `INSERT IGNORE INTO tag (corp_id, tag_id, group_id, name)
       VALUES ${Array.from({ length: Math.min(1000, (tagRows.length - i) / 4) }, () => '(?, ?, ?, ?)').join(', ')}`,
      tagRows.slice(i, i + 4000),
    );
} else if (withTags) {
  const groups = {
    客户等级: ['普通', '银卡', '金卡', '黑金会员'],
    兴趣偏好: ['护肤', '彩妆', '香氛', '个护', '母婴'],
  };
  let g = 0;
  for (const [groupName, names] of Object.entries(groups)) {
    const groupId = `etbenchgroup${++g}`;
    await db.query('INSERT IGNORE INTO tag_group (corp_id, group_id, name) VALUES (?, ?, ?)', [
      CORP_ID,
      groupId,
      groupName,
    ]);
    for (const [i, name] of names.entries()) {
      const tagId = `etbenchtag${g}${i}`;
      tagIds.push(tagId);
      await db.query(
        'INSERT IGNORE INTO tag (corp_id, tag_id, group_id, name) VALUES (?, ?, ?, ?)',
        [CORP_ID, tagId, groupId, name],
      );
    }
  }
}

// added times over the two years before now, uniformly; about 3 % of relations ended
const NOW = Date.now();
const SPAN = 2 * 365 * 86_400_000;
// marks per relation (about 1.1 relations per customer), and the tags they use
const MARKS_PER_RELATION = TAG_COUNT ? MARKS / (customers * 1.1) : 0.5;
const HOT = Math.min(30, tagIds.length);
const markTag = () => (TAG_COUNT && rand() < 0.3 ? tagIds[Math.floor(rand() * HOT)] : pick(tagIds));
function marksOfRelation() {
  if (!TAG_COUNT) return rand() < 0.5 ? [pick(tagIds)] : [];
  // 0 .. 2 × mean, uniform: the mean is MARKS_PER_RELATION
  const n = Math.floor(rand() * (2 * MARKS_PER_RELATION + 1));
  const out = new Set();
  for (let tries = 0; out.size < n && tries < n * 3; tries++) out.add(markTag());
  return [...out];
}
const INTERESTS = ['护肤', '彩妆', '香氛', '母婴', '健身', '咖啡', '旅行'];
const CITIES = ['上海', '北京', '杭州', '深圳', '成都', '南京'];
for (let done = 0; done < customers; done += BATCH) {
  const n = Math.min(BATCH, customers - done);
  const cust = [];
  const rel = [];
  const tag = [];
  const members = [];
  for (let i = 0; i < n; i++) {
    const ext = externalId();
    const added = new Date(NOW - Math.floor(rand() * SPAN));
    const lastChat = rand() < 0.3 ? new Date(NOW - Math.floor(rand() * 180 * 86_400_000)) : null;
    cust.push(
      CORP_ID,
      ext,
      chineseName(),
      rand() < 0.1 ? 2 : 1,
      Math.floor(rand() * 3),
      added,
      lastChat,
    );
    if (rand() < 0.2) {
      const chat = pick(chatIds);
      members.push(
        CORP_ID,
        chat,
        ext,
        Math.floor(added.getTime() / 1000),
        rand() < 0.05 ? added : null,
      );
    }
    const followers = rand() < 0.1 ? 2 : 1;
    const first = Math.floor(rand() * STAFF);
    for (let f = 0; f < followers; f++) {
      const user = staffIds[(first + f * 7) % STAFF];
      const at = f === 0 ? added : new Date(added.getTime() + Math.floor(rand() * 30 * 86_400_000));
      const ended = rand() < 0.03;
      const channel = rand() < 0.4 ? pick(channels) : null;
      rel.push(
        CORP_ID,
        ext,
        user,
        rand() < 0.3 ? `${chineseName()}的朋友` : '',
        rand() < 0.1 ? `喜欢${pick(INTERESTS)}，常住${pick(CITIES)}` : '',
        1,
        channel?.state ?? null,
        channel?.id ?? null,
        at,
        ended ? 'deleted_by_customer' : 'active',
        ended ? new Date(Math.min(NOW, at.getTime() + 86_400_000)) : null,
      );
      if (withTags) for (const t of marksOfRelation()) tag.push(CORP_ID, ext, user, t, 'sync');
    }
  }
  await db.query(
    `INSERT INTO customer (corp_id, external_user_id, name, type, gender, first_added_at, last_chat_at)
     VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    cust,
  );
  await db.query(
    `INSERT IGNORE INTO follow_relation (corp_id, external_user_id, user_id, remark, description,
       add_way, state, channel_id, added_at, status, deleted_at)
     VALUES ${Array.from({ length: rel.length / 11 }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    rel,
  );
  if (members.length)
    await db.query(
      `INSERT IGNORE INTO group_member (corp_id, chat_id, member_id, type, join_time, left_at)
       VALUES ${Array.from({ length: members.length / 5 }, () => '(?, ?, ?, 2, ?, ?)').join(', ')}`,
      members,
    );
  // at most 10,000 rows a statement (mysql2's 65,535 placeholders)
  for (let i = 0; i < tag.length; i += 50_000)
    await db.query(
      `INSERT IGNORE INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source)
       VALUES ${Array.from({ length: Math.min(10_000, (tag.length - i) / 5) }, () => '(?, ?, ?, ?, ?)').join(', ')}`,
      tag.slice(i, i + 50_000),
    );
  const total = done + n;
  if (total % 100_000 === 0 || total === customers) {
    const s = (performance.now() - t0) / 1000;
    console.log(
      `[seed] ${total.toLocaleString('en')} customers in ${s.toFixed(1)} s (${Math.round(total / s)}/s)`,
    );
  }
}
await db.query(
  `UPDATE group_chat g SET member_count = (SELECT COUNT(*) FROM group_member m
     WHERE m.corp_id = g.corp_id AND m.chat_id = g.chat_id AND m.left_at IS NULL) WHERE g.corp_id = ?`,
  [CORP_ID],
);
await db.query('ANALYZE TABLE customer, follow_relation, customer_tag, group_member');
const [[counts]] = await db.query(
  `SELECT (SELECT COUNT(*) FROM customer WHERE corp_id = ?) AS customers,
          (SELECT COUNT(*) FROM follow_relation WHERE corp_id = ?) AS relations,
          (SELECT COUNT(*) FROM customer_tag WHERE corp_id = ?) AS marks`,
  [CORP_ID, CORP_ID, CORP_ID],
);
await db.end();
// rows written by hand: the maintained customer counts (customer_count) are rebuilt
await runToEnd(env, ['server/dist/server/src/customers/recount-customers.js', CORP_ID]);
console.log(
  `[seed] database ${DB_NAME}, corp ${CORP_ID}: ${counts.customers} customers, ${counts.relations} follow relations, ${counts.marks} tag marks, ${STAFF} staff in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
if (!process.env.SECRETS_ENCRYPTION_KEY)
  console.log(
    `[seed] SECRETS_ENCRYPTION_KEY=${env.SECRETS_ENCRYPTION_KEY} (use it for the API on this database)`,
  );
