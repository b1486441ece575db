import { DataSource } from 'typeorm';
import type {
  AudienceFilter,
  AudienceRelationStatus,
  TagCondition,
} from '../../src/audience/audience-filter';
import { AudienceRepository } from '../../src/audience/audience.repository';
import { AudienceService } from '../../src/audience/audience.service';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_HEADERS, ExportService } from '../../src/audience/export/export.service';
import { ExportRepository } from '../../src/audience/export/export.repository';
import { testDataSourceOptions } from '../support/test-database';
import { CustomerCountRepository } from '../../src/customers/customer-count.repository';

/**
 * Filter correctness, property style: a few thousand random customers, relations, marks, staff
 * in a department tree and group memberships on real MariaDB; for random filters the SQL's
 * count, keyset pages and streams must equal a plain in-memory evaluation of the contract
 * (audience-filter.ts, audience-sql.ts) over the same rows, under both plans (candidates first,
 * and the scan of the customer index).
 */

/** mulberry32 */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const some = <T>(xs: readonly T[], max: number): T[] => {
    const n = 1 + int(max);
    return [...new Set(Array.from({ length: n }, () => pick(xs)))];
  };
  return { next, int, pick, some };
}

const SEED = Number(process.env.AUDIENCE_SEED ?? Date.now() % 1_000_000);
const CUSTOMERS = 3000;
const STATUSES: AudienceRelationStatus[] = ['active', 'deleted_by_customer', 'deleted_by_staff'];
const STAFF = Array.from({ length: 16 }, (_, i) => `s${i + 1}`);
const TAGS = Array.from({ length: 24 }, (_, i) => `ettag${i + 1}`);
const CHANNELS = ['11', '12', '13', '14'];
const CHATS = ['wrchat1', 'wrchat2', 'wrchat3', 'wrchat4', 'wrchat5', 'wrdismissed'];
// departments: 1 root; 2, 3 under it; 4, 5 under 2; 6 under 4
const DEPT_PARENT: Record<number, number> = { 1: 0, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4 };
const STAFF_DEPTS: Record<string, number[]> = Object.fromEntries(
  STAFF.map((u, i) => [u, i % 7 === 0 ? [1] : i % 5 === 0 ? [3, 6] : [2 + (i % 5)]]),
);
// short fragments, so random names, remarks and searches meet
const SYLLABLES = ['王', '李', '芳', '明', 'an', 'Li', '%', '_', '会员', '奶粉'];

interface Rel {
  userId: string;
  status: AudienceRelationStatus;
  addedAt: Date;
  channelId: string | null;
  remark: string;
  description: string;
  tags: Set<string>;
}
interface Cust {
  id: string;
  ext: string;
  name: string;
  gender: number;
  type: number;
  addedAt: Date;
  lastChatAt: Date | null;
  /** first_added_at NULL: the list's added time is the row's creation. */
  noFirstAdded?: boolean;
  rels: Rel[];
  chats: Set<string>;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function subtree(roots: number[]): Set<number> {
  const out = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, parent] of Object.entries(DEPT_PARENT))
      if (out.has(parent) && !out.has(Number(id))) {
        out.add(Number(id));
        grew = true;
      }
  }
  return out;
}

/** The contract, evaluated plainly. */
function matches(c: Cust, f: AudienceFilter): boolean {
  const statuses = f.relationStatus?.length ? f.relationStatus : ['active'];
  const inStatus = c.rels.filter((r) => statuses.includes(r.status));
  const depts = f.departmentIds?.length ? subtree(f.departmentIds) : null;
  const relOk = inStatus.some(
    (r) =>
      (!f.staffUserIds?.length || f.staffUserIds.includes(r.userId)) &&
      (!depts || STAFF_DEPTS[r.userId].some((d) => depts.has(d))) &&
      (!f.channelIds?.length || (r.channelId !== null && f.channelIds.includes(r.channelId))) &&
      (!f.addedFrom || r.addedAt >= new Date(f.addedFrom)) &&
      (!f.addedTo || r.addedAt < new Date(f.addedTo)),
  );
  if (!relOk) return false;
  const tags = new Set(inStatus.flatMap((r) => [...r.tags]));
  for (const t of f.tags ?? []) {
    const hits = t.tagIds.filter((id) => tags.has(id)).length;
    if (t.op === 'any' && hits === 0) return false;
    if (t.op === 'all' && hits < new Set(t.tagIds).size) return false;
    if (t.op === 'none' && hits > 0) return false;
  }
  if (f.genders?.length && !f.genders.includes(c.gender)) return false;
  if (f.customerTypes?.length && !f.customerTypes.includes(c.type)) return false;
  if (f.lastChatFrom && !(c.lastChatAt && c.lastChatAt >= new Date(f.lastChatFrom))) return false;
  if (f.lastChatTo && !(c.lastChatAt && c.lastChatAt < new Date(f.lastChatTo))) return false;
  if (f.groups?.chatIds?.length && !f.groups.chatIds.some((id) => c.chats.has(id))) return false;
  if (f.groups?.none && c.chats.size > 0) return false;
  if (f.search) {
    const s = f.search.toLowerCase();
    const hit =
      c.name.toLowerCase().includes(s) ||
      c.ext.toLowerCase() === s ||
      inStatus.some(
        (r) => r.remark.toLowerCase().includes(s) || r.description.toLowerCase().includes(s),
      );
    if (!hit) return false;
  }
  return true;
}

/**
 * Times at which a relation was added: `addedTo` often lands exactly on one, so the bound on
 * the customer's first-added time (`c.added_at < addedTo`) is tested at its edge.
 */
const edges: Date[] = [];

function randomFilter(r: ReturnType<typeof rng>): AudienceFilter {
  const f: AudienceFilter = {};
  const iso = (d: number) => new Date(T0 + d * DAY).toISOString();
  if (r.next() < 0.6) {
    f.tags = Array.from({ length: 1 + r.int(3) }, (): TagCondition => ({
      op: r.pick(['any', 'all', 'none'] as const),
      tagIds: r.some(TAGS, 3),
    }));
  }
  if (r.next() < 0.3) f.staffUserIds = r.some(STAFF, 6);
  if (r.next() < 0.2) f.departmentIds = r.some([1, 2, 3, 4, 5, 6], 2);
  if (r.next() < 0.2) f.channelIds = r.some(CHANNELS, 2);
  if (r.next() < 0.3) f.addedFrom = iso(r.int(300));
  if (r.next() < 0.3)
    f.addedTo =
      r.next() < 0.5
        ? new Date(r.pick(edges).getTime() + r.int(2)).toISOString()
        : iso(100 + r.int(265));
  if (r.next() < 0.2) f.genders = r.some([0, 1, 2], 2);
  if (r.next() < 0.2) f.customerTypes = [r.pick([1, 2])];
  if (r.next() < 0.4) f.relationStatus = r.some(STATUSES, 2);
  if (r.next() < 0.2) f.groups = r.next() < 0.5 ? { none: true } : { chatIds: r.some(CHATS, 2) };
  if (r.next() < 0.15) f.lastChatFrom = iso(r.int(365));
  if (r.next() < 0.1) f.lastChatTo = iso(r.int(365));
  if (r.next() < 0.15) f.search = r.pick(SYLLABLES);
  return f;
}

describe('audience filter: SQL equals the in-memory evaluation (property style)', () => {
  let ds: DataSource;
  let repo: AudienceRepository;
  let service: AudienceService;
  const corpId = `wwaud${Date.now().toString(36)}`;
  const customers: Cust[] = [];

  beforeAll(async () => {
    ds = new DataSource(testDataSourceOptions(3));
    await ds.initialize();
    repo = new AudienceRepository(ds);
    service = new AudienceService(repo);
    const r = rng(SEED);
    const groupless: string[] = [];
    const word = () => Array.from({ length: r.int(4) }, () => r.pick(SYLLABLES)).join('') || '';

    await ds.query(
      `INSERT INTO department (corp_id, id, name, parent_id) VALUES ${Object.keys(DEPT_PARENT)
        .map(() => '(?, ?, ?, ?)')
        .join(', ')}`,
      Object.entries(DEPT_PARENT).flatMap(([id, p]) => [corpId, Number(id), `部门${id}`, p]),
    );
    await ds.query(
      `INSERT INTO staff (corp_id, user_id, name, department_ids) VALUES ${STAFF.map(
        () => '(?, ?, ?, ?)',
      ).join(', ')}`,
      STAFF.flatMap((u) => [corpId, u, u, JSON.stringify(STAFF_DEPTS[u])]),
    );
    await ds.query(
      `INSERT INTO group_chat (corp_id, chat_id, name, dismissed_at) VALUES ${CHATS.map(
        () => '(?, ?, ?, ?)',
      ).join(', ')}`,
      CHATS.flatMap((id) => [corpId, id, id, id === 'wrdismissed' ? new Date() : null]),
    );

    for (let i = 0; i < CUSTOMERS; i++) {
      // few distinct added days: ties on the sort key, so the id tie-breaker matters
      let addedAt = new Date(T0 + r.int(365) * DAY);
      const c: Cust = {
        id: '',
        ext: `wmaud${i}x${r.int(1e6)}`,
        name: word(),
        gender: r.int(3),
        type: 1 + r.int(2),
        addedAt,
        lastChatAt: r.next() < 0.4 ? new Date(T0 + r.int(365) * DAY + r.int(DAY)) : null,
        rels: [],
        chats: new Set(),
      };
      // 10 % without any relation (a mirror row whose relations are unknown)
      const nRels = r.next() < 0.1 ? 0 : 1 + r.int(3);
      for (const userId of r.some(STAFF, nRels).slice(0, nRels)) {
        c.rels.push({
          userId,
          status: r.next() < 0.7 ? 'active' : r.pick(STATUSES),
          addedAt: new Date(T0 + r.int(365) * DAY + r.int(DAY)),
          channelId: r.next() < 0.5 ? r.pick(CHANNELS) : null,
          remark: r.next() < 0.5 ? word() : '',
          description: r.next() < 0.2 ? word() : '',
          tags: new Set(r.next() < 0.7 ? r.some(TAGS, 4) : []),
        });
      }
      // the mirror's invariant (CustomerRepository.keepFirstAddedAt): first_added_at is never
      // later than a relation's added_at, whatever its status; often equal to the earliest
      // (the edge of the "added before" bound), sometimes earlier (that relation row is gone)
      if (c.rels.length) {
        const earliest = Math.min(...c.rels.map((x) => x.addedAt.getTime()));
        addedAt = new Date(r.next() < 0.8 ? earliest : earliest - r.int(30) * DAY);
        edges.push(...c.rels.map((x) => x.addedAt));
      }
      c.addedAt = addedAt;
      // a customer without relations may have no first-added time (the list sorts by the row's)
      c.noFirstAdded = !c.rels.length && r.next() < 0.5;
      const joins = r.next() < 0.4 ? r.some(CHATS, 2) : [];
      if (!joins.length) groupless.push(c.ext);
      for (const chat of joins) {
        const left = r.next() < 0.2;
        await ds.query(
          'INSERT INTO group_member (corp_id, chat_id, member_id, type, left_at) VALUES (?, ?, ?, 2, ?)',
          [corpId, chat, c.ext, left ? new Date() : null],
        );
        if (!left && chat !== 'wrdismissed') c.chats.add(chat);
      }
      customers.push(c);
    }
    // a staff member in group wrchat1 with a customer's-looking id must not count as a customer
    await ds.query(
      'INSERT INTO group_member (corp_id, chat_id, member_id, type) VALUES (?, ?, ?, 1)',
      [corpId, 'wrchat1', groupless[0]],
    );

    for (let i = 0; i < customers.length; i += 500) {
      const batch = customers.slice(i, i + 500);
      await ds.query(
        `INSERT INTO customer (corp_id, external_user_id, name, gender, type, first_added_at, last_chat_at)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        batch.flatMap((c) => [
          corpId,
          c.ext,
          c.name,
          c.gender,
          c.type,
          c.noFirstAdded ? null : c.addedAt,
          c.lastChatAt,
        ]),
      );
      const rels = batch.flatMap((c) => c.rels.map((rel) => ({ c, rel })));
      if (rels.length)
        await ds.query(
          `INSERT INTO follow_relation (corp_id, external_user_id, user_id, status, added_at,
             channel_id, remark, description)
           VALUES ${rels.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          rels.flatMap(({ c, rel }) => [
            corpId,
            c.ext,
            rel.userId,
            rel.status,
            rel.addedAt,
            rel.channelId,
            rel.remark,
            rel.description,
          ]),
        );
      const marks = rels.flatMap(({ c, rel }) => [...rel.tags].map((t) => [c.ext, rel.userId, t]));
      if (marks.length)
        await ds.query(
          `INSERT INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source)
           VALUES ${marks.map(() => "(?, ?, ?, ?, 'manual')").join(', ')}`,
          marks.flatMap((m) => [corpId, ...m]),
        );
    }
    // a mark whose relation the mirror does not have: no relation, so no effective tag
    await ds.query(
      "INSERT INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source) VALUES (?, ?, 's99', 'ettag1', 'manual')",
      [corpId, customers[1].ext],
    );
    const ids: Array<{ id: string; ext: string; addedAt: Date }> = await ds.query(
      'SELECT id, external_user_id AS ext, added_at AS addedAt FROM customer WHERE corp_id = ?',
      [corpId],
    );
    const byExt = new Map(ids.map((x) => [x.ext, x]));
    for (const c of customers) {
      c.id = String(byExt.get(c.ext)!.id);
      c.addedAt = byExt.get(c.ext)!.addedAt; // the row's creation when it has no first-added time
    }
    // rows written by hand: the maintained counts are rebuilt, as the repair command does
    await new CustomerCountRepository(ds).recount(corpId);
  }, 300_000);

  afterAll(async () => {
    for (const t of [
      'customer_count',
      'customer_tag',
      'follow_relation',
      'customer',
      'group_member',
      'group_chat',
      'staff',
      'department',
    ])
      await ds.query(`DELETE FROM ${t} WHERE corp_id = ?`, [corpId]);
    await ds.destroy();
  });

  /** Newest added first, then id (descending), as the contract's sort. */
  const expected = (f: AudienceFilter) =>
    customers
      .filter((c) => matches(c, f))
      .sort((a, b) => b.addedAt.getTime() - a.addedAt.getTime() || Number(b.id) - Number(a.id));

  async function walk(f: AudienceFilter, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.page(corpId, f, { cursor, limit });
      seen.push(...page.items.map((i) => i.externalUserId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  }

  const describeFilter = (f: AudienceFilter) => `seed ${SEED}, filter ${JSON.stringify(f)}`;

  it.each([
    ['candidates first', 30_000],
    ['customer index scan', 0],
  ])(
    'count and keyset pages equal the plain evaluation (%s)',
    async (_, threshold) => {
      repo.selectiveCandidates = threshold;
      const r = rng(SEED + threshold);
      for (let i = 0; i < 24; i++) {
        const f = randomFilter(r);
        const want = expected(f);
        const label = describeFilter(f);
        expect({ label, count: await service.count(corpId, f) }).toEqual({
          label,
          count: want.length,
        });
        expect({ label, pages: await walk(f, 40 + r.int(160)) }).toEqual({
          label,
          pages: want.map((c) => c.ext),
        });
      }
      // each filter walks every keyset page (up to 75 queries): 24 filters a plan keep it within
      // minutes on a loaded 2-core box (60 took 2–10 min and left its loop running past the timeout)
    },
    360_000,
  );

  it('"added before" at the edge: a relation added 1 ms before addedTo counts, one added at it does not', async () => {
    const r = rng(SEED + 11);
    for (const threshold of [30_000, 0]) {
      repo.selectiveCandidates = threshold;
      for (let i = 0; i < 12; i++) {
        const edge = r.pick(edges).getTime();
        const f: AudienceFilter = {
          addedTo: new Date(edge + (i % 2)).toISOString(),
          ...(i % 3 ? {} : { relationStatus: r.some(STATUSES, 2) }),
        };
        const want = expected(f);
        const label = describeFilter(f);
        expect({ label, count: await service.count(corpId, f) }).toEqual({
          label,
          count: want.length,
        });
        const page = await service.page(corpId, f, { limit: 50 });
        expect({ label, page: page.items.map((c) => c.externalUserId) }).toEqual({
          label,
          page: want.slice(0, 50).map((c) => c.ext),
        });
      }
    }
  });

  it('an empty filter is every customer with an active relation; a filter matching none is empty', async () => {
    repo.selectiveCandidates = 30_000;
    const active = customers.filter((c) => c.rels.some((x) => x.status === 'active'));
    expect(await service.count(corpId, {})).toBe(active.length);
    // a filter of statuses only is counted from the maintained counter, and equals the probes
    const counts = new CustomerCountRepository(ds);
    for (const relationStatus of [
      ['deleted_by_customer'],
      ['deleted_by_staff', 'active'],
      [...STATUSES],
    ] as AudienceRelationStatus[][]) {
      const want = customers.filter((c) => matches(c, { relationStatus })).length;
      expect({ relationStatus, n: await service.count(corpId, { relationStatus }) }).toEqual({
        relationStatus,
        n: want,
      });
    }
    // a corp never counted (no marker row) is counted by the probes
    await ds.query('DELETE FROM customer_count WHERE corp_id = ?', [corpId]);
    expect(await service.count(corpId, { search: '' })).toBe(active.length);
    await counts.recount(corpId);
    expect(await service.count(corpId, { staffUserIds: ['nobody'] })).toBe(0);
    expect(await service.count(corpId, { departmentIds: [999] })).toBe(0);
    expect((await service.page(corpId, { staffUserIds: ['nobody'] }, { limit: 10 })).items).toEqual(
      [],
    );
  });

  it('streams each matching customer once, in bounded batches; recipients and relations follow the contract', async () => {
    const r = rng(SEED + 7);
    for (let i = 0; i < 20; i++) {
      repo.selectiveCandidates = i % 2 ? 0 : 30_000;
      const f = randomFilter(r);
      const want = customers.filter((c) => matches(c, f));
      const label = describeFilter(f);
      const batches: string[][] = [];
      for await (const b of service.streamExternalUserIds(corpId, f, 97)) batches.push(b);
      expect(batches.every((b) => b.length <= 97 && b.length > 0)).toBe(true);
      expect({ label, ids: batches.flat().sort() }).toEqual({
        label,
        ids: want.map((c) => c.ext).sort(),
      });

      const senders = r.next() < 0.5 ? r.some(STAFF, 8) : undefined;
      const recipients: Array<{ externalUserId: string; userId: string }> = [];
      for await (const b of service.streamRecipients(corpId, f, {
        senderUserIds: senders,
        batchSize: 113,
      }))
        recipients.push(...b);
      const wantRecipients = want.flatMap((c) => {
        const eligible = c.rels
          .filter((x) => x.status === 'active' && (!senders || senders.includes(x.userId)))
          .sort(
            (a, b) => b.addedAt.getTime() - a.addedAt.getTime() || (a.userId < b.userId ? -1 : 1),
          );
        return eligible.length ? [{ externalUserId: c.ext, userId: eligible[0].userId }] : [];
      });
      const byExt = (a: { externalUserId: string }, b: { externalUserId: string }) =>
        a.externalUserId < b.externalUserId ? -1 : 1;
      expect({ label, recipients: recipients.sort(byExt) }).toEqual({
        label,
        recipients: wantRecipients.sort(byExt),
      });

      // the same recipients as SQL (a broadcast's plan), over ranges of external_userids
      const selector = await service.recipientSelector(corpId, f, { senderUserIds: senders });
      const inSql: Array<{ externalUserId: string; userId: string }> = [];
      let after: string | undefined;
      for (;;) {
        const upTo = await selector.nextRangeEnd(after, 50 + r.int(400));
        const q = selector.select({ after, upTo });
        const rows: Array<{ ext: string; sender: string }> = await ds.query(q.sql, q.params);
        inSql.push(...rows.map((x) => ({ externalUserId: x.ext, userId: x.sender })));
        if (upTo === undefined) break;
        after = upTo;
      }
      expect({ label, inSql: inSql.sort(byExt) }).toEqual({
        label,
        inSql: wantRecipients.sort(byExt),
      });

      const relations: string[] = [];
      for await (const b of service.streamRelations(corpId, f, 89))
        relations.push(...b.map((x) => `${x.externalUserId}/${x.userId}`));
      const depts = f.departmentIds?.length ? subtree(f.departmentIds) : null;
      const wantRelations = want.flatMap((c) =>
        c.rels
          .filter(
            (x) =>
              x.status === 'active' &&
              (!f.staffUserIds?.length || f.staffUserIds.includes(x.userId)) &&
              (!depts || STAFF_DEPTS[x.userId].some((d) => depts.has(d))) &&
              (!f.channelIds?.length ||
                (x.channelId !== null && f.channelIds.includes(x.channelId))) &&
              (!f.addedFrom || x.addedAt >= new Date(f.addedFrom)) &&
              (!f.addedTo || x.addedAt < new Date(f.addedTo)),
          )
          .map((x) => `${c.ext}/${x.userId}`),
      );
      expect({ label, relations: relations.sort() }).toEqual({
        label,
        relations: wantRelations.sort(),
      });
    }
  });

  it('exports the matching customers as a CSV for Excel, with progress, once however often the job runs', async () => {
    repo.selectiveCandidates = 30_000;
    const dir = await mkdtemp(join(tmpdir(), 'scrm-export-'));
    const jobs = { enqueue: jest.fn().mockResolvedValue({}) };
    const config = { get: () => ({ exportDir: dir }) };
    const exportRepo = new ExportRepository(ds);
    const exports = new ExportService(exportRepo, service, repo, jobs as never, config as never);
    try {
      const filter: AudienceFilter = { tags: [{ op: 'any', tagIds: ['ettag1', 'ettag2'] }] };
      const want = customers.filter((c) => matches(c, filter));
      const created = await exports.create(corpId, filter, 'admin');
      expect(created).toMatchObject({ status: 'queued', done: 0 });
      expect(jobs.enqueue).toHaveBeenCalledWith(
        'audience.export',
        { corpId, exportId: created.id },
        { jobId: `audience-export:${created.id}` },
      );
      await expect(exports.run({ corpId, exportId: created.id }, false)).resolves.toEqual({
        rows: want.length,
      });
      const done = await exports.get(corpId, created.id);
      expect(done).toMatchObject({ status: 'done', done: want.length, total: want.length });
      const { path, downloadName } = await exports.file(corpId, created.id);
      expect(downloadName).toMatch(/^客户导出-\d{12}-\d+\.csv$/);
      const text = await readFile(path, 'utf8');
      expect(text.startsWith('\uFEFF客户ID,客户名称,')).toBe(true);
      const lines = text.slice(1).split('\r\n').filter(Boolean);
      expect(lines[0]).toBe(EXPORT_HEADERS.join(','));
      // one line per customer (names here hold no line breaks), each customer's id first
      expect(
        lines
          .slice(1)
          .map((l) => l.split(',')[0])
          .sort(),
      ).toEqual(want.map((c) => c.ext).sort());
      const one = want.find((c) =>
        c.rels.some((x) => x.status === 'active' && x.tags.has('ettag1')),
      )!;
      expect(lines.find((l) => l.startsWith(`${one.ext},`))).toContain('ettag1');
      // a replay of the finished job writes nothing again
      await exports.run({ corpId, exportId: created.id }, false);
      expect(await readdir(dir)).toEqual([`${corpId}-${created.id}.csv`]);
    } finally {
      await ds.query('DELETE FROM audience_export WHERE corp_id = ?', [corpId]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
