// Seeds a corp with N customers straight into the real schema (migrated by the server's own
// migrations), for the console's list benchmarks: staff, customers, follow relations (about 10 %
// of customers have two followers), and — with --tags — corp tags and tag marks. Deterministic:
// the same N and seed give the same rows.
//
//   npm run build -w server
//   eval "$(bash scripts/services.sh env)"
//   node bench/seed-customers.mjs [customers=1000000] [--db=scrm_bench_customers] [--corp=wwbench0000000001]
//                                 [--staff=200] [--tags] [--seed=20261201] [--keep]
//
// The database (default `scrm_bench_customers`) is dropped and migrated afresh unless --keep is
// given (then the corp's rows are added to what is there). The corp row is registered with sealed
// placeholder secrets (SECRETS_ENCRYPTION_KEY of the environment, or a random one printed at the
// end): it is for reads, not for calling WeCom. Prints rows per second and the final counts.
// Used by bench/customers-page.mjs; the tags issue reuses it with --tags.
import { createCipheriv, randomBytes } from 'node:crypto';
import { connectDb, freshDatabase } from './support.mjs';

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
const withTags = Boolean(flag('tags', false));
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

/** The server's SecretBox format: v1:<iv>:<tag>:<ciphertext>, AES-256-GCM. */
function seal(key, plain) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ct]
    .map((p) => (p === 'v1' ? p : p.toString('base64')))
    .join(':');
}

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

const staffIds = Array.from({ length: STAFF }, (_, i) => `staff${String(i + 1).padStart(4, '0')}`);
await db.query(
  `INSERT IGNORE INTO staff (corp_id, user_id, name, department_ids, main_department, customer_contact)
   VALUES ${staffIds.map(() => "(?, ?, ?, '[1]', 1, 1)").join(', ')}`,
  staffIds.flatMap((id) => [CORP_ID, id, chineseName()]),
);

const tagIds = [];
if (withTags) {
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
for (let done = 0; done < customers; done += BATCH) {
  const n = Math.min(BATCH, customers - done);
  const cust = [];
  const rel = [];
  const tag = [];
  for (let i = 0; i < n; i++) {
    const ext = externalId();
    const added = new Date(NOW - Math.floor(rand() * SPAN));
    cust.push(CORP_ID, ext, chineseName(), 1, Math.floor(rand() * 3), added);
    const followers = rand() < 0.1 ? 2 : 1;
    const first = Math.floor(rand() * STAFF);
    for (let f = 0; f < followers; f++) {
      const user = staffIds[(first + f * 7) % STAFF];
      const at = f === 0 ? added : new Date(added.getTime() + Math.floor(rand() * 30 * 86_400_000));
      const ended = rand() < 0.03;
      rel.push(
        CORP_ID,
        ext,
        user,
        rand() < 0.3 ? `${chineseName()}的朋友` : '',
        1,
        at,
        ended ? 'deleted_by_customer' : 'active',
        ended ? new Date(Math.min(NOW, at.getTime() + 86_400_000)) : null,
      );
      if (withTags && rand() < 0.5) {
        tag.push(CORP_ID, ext, user, pick(tagIds), 'sync');
      }
    }
  }
  await db.query(
    `INSERT INTO customer (corp_id, external_user_id, name, type, gender, first_added_at)
     VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
    cust,
  );
  await db.query(
    `INSERT IGNORE INTO follow_relation (corp_id, external_user_id, user_id, remark, add_way, added_at, status, deleted_at)
     VALUES ${Array.from({ length: rel.length / 8 }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    rel,
  );
  if (tag.length)
    await db.query(
      `INSERT IGNORE INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source)
       VALUES ${Array.from({ length: tag.length / 5 }, () => '(?, ?, ?, ?, ?)').join(', ')}`,
      tag,
    );
  const total = done + n;
  if (total % 100_000 === 0 || total === customers) {
    const s = (performance.now() - t0) / 1000;
    console.log(
      `[seed] ${total.toLocaleString('en')} customers in ${s.toFixed(1)} s (${Math.round(total / s)}/s)`,
    );
  }
}
await db.query('ANALYZE TABLE customer, follow_relation');
const [[counts]] = await db.query(
  `SELECT (SELECT COUNT(*) FROM customer WHERE corp_id = ?) AS customers,
          (SELECT COUNT(*) FROM follow_relation WHERE corp_id = ?) AS relations,
          (SELECT COUNT(*) FROM customer_tag WHERE corp_id = ?) AS marks`,
  [CORP_ID, CORP_ID, CORP_ID],
);
await db.end();
console.log(
  `[seed] database ${DB_NAME}, corp ${CORP_ID}: ${counts.customers} customers, ${counts.relations} follow relations, ${counts.marks} tag marks, ${STAFF} staff in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
if (!process.env.SECRETS_ENCRYPTION_KEY)
  console.log(
    `[seed] SECRETS_ENCRYPTION_KEY=${env.SECRETS_ENCRYPTION_KEY} (use it for the API on this database)`,
  );
