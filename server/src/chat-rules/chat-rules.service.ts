import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { isExternalId, isStaffId, StoredMessage } from '../chat-archive/archive-message';
import {
  BatchWrite,
  ChatArchiveService,
  MessageConsumer,
} from '../chat-archive/chat-archive.service';
import { AppException } from '../common/app.exception';
import { forEachLimit } from '../common/concurrency';
import { CustomersService } from '../customers/customers.service';
import { StaffService } from '../staff/staff.service';
import { TagSource } from '../tags/entities/customer-tag.entity';
import { RelationRef, markKey, SOURCE_RANK, TagMarkService } from '../tags/tag-mark.service';
import { TagService } from '../tags/tag.service';
import { ChatRuleRepository, RuleRow, RuleWrite } from './chat-rule.repository';
import type {
  ChatRuleBodyDto,
  ChatRuleDto,
  CustomerRuleMarkDto,
  DryRunResultDto,
  TestResultDto,
} from './dto/chat-rule.dto';
import {
  compileRules,
  CompiledRule,
  CompiledRuleSet,
  matchMessage,
  MatchInput,
  matchText,
  prepare,
  RuleDefinition,
} from './rule-matcher';
import { cutWords, segmenter } from './segmenter';

/** How long a compiled rule set's staff scopes (departments → members) are trusted. */
const SCOPE_TTL_MS = 60_000;
/** Mark calls (rule × message) in flight at once. */
const MARK_CALLS_AT_ONCE = 4;
/** Evidence keeps this much of the sentence. */
const EVIDENCE_TEXT_MAX = 500;
/** A source's precedence (SOURCE_RANK, weakest first): a rule takes over weaker sources' marks. */
const rank = (source: string) => SOURCE_RANK.indexOf(source as TagSource);
const CHAT_RULE_RANK = rank(TagSource.ChatRule);

interface CorpRules {
  signature: string;
  set: CompiledRuleSet;
  /** Rule id → members in its departments; absent: all staff. */
  staffScope: Map<string, Set<string>>;
  builtAt: number;
}

/** One rule matched by one message. */
export interface RuleMatch {
  rule: CompiledRule;
  message: StoredMessage;
}

export interface ApplyOutcome {
  matched: number;
  /** Relation × tag marks written (new ones: a mark already there is not counted). */
  marked: number;
}

export function matchInput(m: StoredMessage): MatchInput {
  return {
    text: m.text,
    sender: isExternalId(m.from) ? 'customer' : isStaffId(m.from) ? 'staff' : null,
    chatType: m.roomid ? 'group' : 'private',
  };
}

/**
 * The relations (customer × staff member) a message speaks for: a customer's message, to the
 * staff in that chat (the private chat's member, the group's members who follow them); a staff
 * member's private message, to its customer. A staff member's message in a group is addressed to
 * everyone: it marks no one.
 */
export function candidateRelations(m: StoredMessage): RelationRef[] {
  if (isExternalId(m.from))
    return m.tolist.filter(isStaffId).map((userId) => ({ externalUserId: m.from, userId }));
  if (isStaffId(m.from) && !m.roomid)
    return m.tolist
      .filter(isExternalId)
      .map((externalUserId) => ({ externalUserId, userId: m.from }));
  return [];
}

const relKey = (r: RelationRef) => `${r.externalUserId}|${r.userId}`;

/**
 * Chat rules: "when a customer's (or staff member's) message matches X, mark tag T". Runs in the
 * worker on every new message (the chat archive's consumer), from a rule set compiled once per
 * corp and rebuilt when a rule changes. A match marks the rule's tags through TagMarkService
 * (source chat_rule, actor the rule id, the message as evidence) on the relations of the chat.
 *
 * **A mark removed by hand stays removed**: the tags module records when a mark was removed (by a
 * person, or in WeCom), and a rule marks that tag on that relation again only from a message sent
 * after the removal (not from a late batch of older ones, not by a back-apply). A tag already
 * on the relation is not marked twice (no WeCom call): a mark from a weaker source (channel,
 * wecom, sync) becomes the rule's (source, actor, evidence, a timeline entry), one of the rule's
 * or a stronger source (manual, import) stays as it is, and nothing is written for it.
 */
@Injectable()
export class ChatRulesService implements MessageConsumer, OnModuleInit {
  private readonly logger = new Logger(ChatRulesService.name);
  private readonly cache = new Map<string, CorpRules>();

  constructor(
    private readonly repo: ChatRuleRepository,
    private readonly archive: ChatArchiveService,
    private readonly customers: CustomersService,
    private readonly staff: StaffService,
    private readonly tags: TagService,
    private readonly marks: TagMarkService,
  ) {}

  onModuleInit(): void {
    this.archive.registerConsumer(this);
  }

  // ------------------------------------------------------------------ CRUD

  async list(corpId: string): Promise<ChatRuleDto[]> {
    return (await this.repo.list(corpId)).map(toDto);
  }

  async get(corpId: string, id: string): Promise<ChatRuleDto> {
    return toDto(await this.require(corpId, id));
  }

  async create(corpId: string, body: ChatRuleBodyDto): Promise<ChatRuleDto> {
    const w = await this.checked(corpId, body);
    const id = await this.repo.insert(corpId, w);
    this.cache.delete(corpId);
    return this.get(corpId, id);
  }

  async update(corpId: string, id: string, body: ChatRuleBodyDto): Promise<ChatRuleDto> {
    const w = await this.checked(corpId, body);
    if (!(await this.repo.update(corpId, id, w))) throw notFound(id);
    this.cache.delete(corpId);
    return this.get(corpId, id);
  }

  async setEnabled(corpId: string, id: string, enabled: boolean): Promise<ChatRuleDto> {
    if (!(await this.repo.setEnabled(corpId, id, enabled))) throw notFound(id);
    this.cache.delete(corpId);
    return this.get(corpId, id);
  }

  async remove(corpId: string, id: string): Promise<void> {
    if (!(await this.repo.delete(corpId, id))) throw notFound(id);
    this.cache.delete(corpId);
  }

  async require(corpId: string, id: string): Promise<RuleRow> {
    const rule = await this.repo.get(corpId, id);
    if (!rule) throw notFound(id);
    return rule;
  }

  /** The body as stored, its tags checked against the corp's tag library. */
  private async checked(corpId: string, b: ChatRuleBodyDto): Promise<RuleWrite> {
    const known = await this.tagNames(corpId);
    const unknown = b.tagIds.filter((t) => !known.has(t));
    if (unknown.length)
      throw new AppException(
        'CHAT_RULE_UNKNOWN_TAG',
        `Unknown tag(s): ${unknown.join(', ')}`,
        HttpStatus.BAD_REQUEST,
        { tagIds: [`unknown tag(s) ${unknown.join(', ')}: sync the tag library or pick others`] },
      );
    return toWrite(b);
  }

  private async tagNames(corpId: string): Promise<Map<string, string>> {
    const groups = await this.tags.listGroupsWithTags(corpId);
    return new Map(groups.flatMap((g) => g.tags.map((t) => [t.tagId, t.name] as const)));
  }

  // ------------------------------------------------------------------ the compiled set

  /** The corp's enabled rules, compiled; rebuilt when a rule changed (in any process). */
  async compiled(corpId: string): Promise<CorpRules> {
    const signature = await this.repo.signature(corpId);
    const cached = this.cache.get(corpId);
    if (cached && cached.signature === signature && Date.now() - cached.builtAt < SCOPE_TTL_MS)
      return cached;
    const rules = await this.repo.list(corpId);
    const set =
      cached && cached.signature === signature
        ? cached.set
        : compileRules(rules as RuleDefinition[]);
    const built: CorpRules = {
      signature,
      set,
      staffScope: await this.staffScopes(corpId, set),
      builtAt: Date.now(),
    };
    this.cache.set(corpId, built);
    return built;
  }

  private async staffScopes(corpId: string, set: CompiledRuleSet) {
    const out = new Map<string, Set<string>>();
    const scoped = set.rules.filter((r) => r.def.departmentIds?.length);
    if (!scoped.length) return out;
    const tree = await this.staff.departmentTree(corpId);
    const children = new Map<number, number[]>();
    for (const d of tree) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
    for (const r of scoped) {
      const ids = new Set<number>();
      const stack = [...(r.def.departmentIds ?? [])];
      while (stack.length) {
        const id = stack.pop() as number;
        if (ids.has(id)) continue;
        ids.add(id);
        stack.push(...(children.get(id) ?? []));
      }
      out.set(r.def.id, new Set(await this.staff.contactStaffInDepartments(corpId, [...ids])));
    }
    return out;
  }

  // ------------------------------------------------------------------ running

  /**
   * The chat archive's consumer: every new message, once. Marks what is due (WeCom and the
   * mirror, idempotent), and returns the hit counts to write in the batch's transaction, with
   * the cursor: a batch run twice (a crash before the commit) counts once.
   */
  async consume(corpId: string, messages: StoredMessage[]): Promise<BatchWrite | null> {
    const rules = await this.compiled(corpId);
    if (!rules.set.rules.length) return null;
    const matches: RuleMatch[] = [];
    for (const message of messages)
      for (const rule of matchMessage(rules.set, matchInput(message)))
        matches.push({ rule, message });
    if (!matches.length) return null;
    await this.applyMatches(corpId, matches, rules.staffScope);
    const hits = new Map<string, number>();
    for (const m of matches) hits.set(m.rule.def.id, (hits.get(m.rule.def.id) ?? 0) + 1);
    return (tx) => this.repo.addHits(tx, corpId, hits);
  }

  /**
   * Marks what the matches call for: each match's relations (active ones, in the rule's staff
   * scope) × the rule's tags, skipping those already marked by the rule or a stronger source and
   * those removed at or after the message (a mark removed by hand is not re-added from a message
   * sent before the removal). Writes nothing else: what is done is in the marks themselves.
   */
  async applyMatches(
    corpId: string,
    matches: RuleMatch[],
    staffScope: Map<string, Set<string>>,
  ): Promise<ApplyOutcome> {
    const none = { matched: matches.length, marked: 0 };
    const wanted = matches.map((m) => ({ ...m, relations: candidateRelations(m.message) }));
    // the three reads are by the matches' customers, side by side: their active relations, their
    // marks and their marks' removals (each a range on an index's customer prefix; a list of
    // hundreds of exact tuples cost MariaDB's optimizer up to 0.8 s a batch)
    const customers = [...new Set(wanted.flatMap((w) => w.relations.map((r) => r.externalUserId)))];
    if (!customers.length) return none;
    const [activeRows, stored, removals] = await Promise.all([
      this.customers.activeRelations(corpId, customers),
      this.marks.findMarksOfCustomers(corpId, customers),
      this.marks.removalsOfCustomers(corpId, customers),
    ]);
    const active = new Set(activeRows.map(relKey));
    // a tag the relation has from the rules' source or a stronger one is done: most matches in a
    // steady stream are these, skipped before anything is built for them
    const existing = new Map(stored.map((m) => [markKey(m), m.source] as const));
    const settled = (source: string | undefined) =>
      source !== undefined && !(rank(source) >= 0 && rank(source) < CHAT_RULE_RANK);
    // per rule × relation × tag: the oldest matching message (its evidence) and the newest
    type Want = RelationRef & {
      ruleId: string;
      tagId: string;
      first: StoredMessage;
      newest: StoredMessage;
      rule: CompiledRule;
    };
    const byKey = new Map<string, Want>();
    for (const w of wanted) {
      const scope = staffScope.get(w.rule.def.id);
      for (const r of w.relations) {
        const rk = relKey(r);
        if (!active.has(rk) || (scope && !scope.has(r.userId))) continue;
        for (const tagId of w.rule.def.tagIds) {
          if (settled(existing.get(markKey({ ...r, tagId })))) continue;
          const k = `${w.rule.def.id}|${rk}|${tagId}`;
          const e = byKey.get(k);
          if (!e)
            byKey.set(k, {
              ...r,
              ruleId: w.rule.def.id,
              tagId,
              first: w.message,
              newest: w.message,
              rule: w.rule,
            });
          else {
            if (w.message.msgtime < e.first.msgtime) e.first = w.message;
            if (w.message.msgtime > e.newest.msgtime) e.newest = w.message;
          }
        }
      }
    }
    if (!byKey.size) return none;
    // the tags due per rule × message × relation, then one call per rule × message × tag set:
    // a mark where there is none (WeCom's mark_tag), or the rule's source, actor and evidence on
    // a mark of a weaker source (the tag is in WeCom already); a removed one stays removed for
    // messages sent before the removal
    const perRelation = new Map<string, { w: Want; adopt: boolean; tags: Want[] }>();
    for (const w of byKey.values()) {
      const source = existing.get(markKey(w));
      const adopt = source !== undefined; // a weaker source's (the settled ones are skipped above)
      const removedAt = source === undefined ? removals.get(markKey(w)) : undefined;
      if (removedAt !== undefined) {
        if (w.newest.msgtime <= removedAt) continue; // said before the removal: never re-added
        // evidence from a message after the removal
        if (w.first.msgtime <= removedAt) w.first = w.newest;
      }
      const k = `${adopt}|${w.ruleId}|${w.first.msgid}|${relKey(w)}`;
      const e = perRelation.get(k) ?? { w, adopt, tags: [] };
      e.tags.push(w);
      perRelation.set(k, e);
    }
    if (!perRelation.size) return none;
    type Call = { w: Want; adopt: boolean; tagIds: string[]; members: Want[][] };
    const calls = new Map<string, Call>();
    for (const { w, adopt, tags } of perRelation.values()) {
      const tagIds = tags.map((t) => t.tagId).sort();
      const ck = `${adopt}|${w.ruleId}|${w.first.msgid}|${tagIds.join(',')}`;
      const c = calls.get(ck) ?? { w, adopt, tagIds, members: [] };
      c.members.push(tags);
      calls.set(ck, c);
    }
    let marked = 0;
    await forEachLimit([...calls.values()], MARK_CALLS_AT_ONCE, async (call) => {
      const { w, tagIds, members } = call;
      const msg = w.first;
      const req = {
        corpId,
        relations: members.map(([m]) => ({ externalUserId: m.externalUserId, userId: m.userId })),
        tagIds,
        source: TagSource.ChatRule,
        actor: w.ruleId,
        evidence: {
          ruleId: w.ruleId,
          ruleName: w.rule.def.name,
          msgid: msg.msgid,
          text: msg.text.slice(0, EVIDENCE_TEXT_MAX),
          msgtime: msg.msgtime,
        },
        ref: `chat-rule:${w.ruleId}:${msg.msgid}`,
      };
      if (call.adopt) {
        await this.marks.adopt(req);
        return;
      }
      const res = await this.marks.mark(req);
      const done = new Set(res.done.map(relKey));
      for (const tags of members) if (done.has(relKey(tags[0]))) marked += tags.length;
      if (res.failed.length)
        this.logger.warn(
          { corpId, ruleId: w.ruleId, failed: res.failed.length },
          'chat rule marks refused by WeCom',
        );
    });
    return { matched: matches.length, marked };
  }

  /** A customer's tags marked by chat rules, each with the sentence that produced it. */
  async customerMarks(corpId: string, externalUserId: string): Promise<CustomerRuleMarkDto[]> {
    const marks = await this.marks.findForCustomer(corpId, externalUserId);
    return marks
      .filter((m) => m.source === TagSource.ChatRule)
      .map((m) => {
        const e = (m.evidence ?? {}) as Record<string, unknown>;
        return {
          tagId: m.tagId,
          tagName: m.tagName,
          userId: m.userId,
          ruleId: e.ruleId == null ? null : String(e.ruleId),
          ruleName: typeof e.ruleName === 'string' ? e.ruleName : null,
          msgid: typeof e.msgid === 'string' ? e.msgid : null,
          text: typeof e.text === 'string' ? e.text : '',
          msgtime: typeof e.msgtime === 'number' ? new Date(e.msgtime).toISOString() : null,
        };
      });
  }

  // ------------------------------------------------------------------ the editor

  /** The live test box: does this (unsaved) rule match this sentence? */
  test(body: ChatRuleBodyDto, text: string): TestResultDto {
    const set = compileRules([{ ...toWrite(body), id: 'test', enabled: true }]);
    const rule = set.rules[0];
    if (!rule) return { matched: false, keywords: [], excludedBy: null, words: [] };
    const res = matchText(rule, prepare(set, text));
    return {
      ...res,
      words: body.segmentation ? cutWords(segmenter(body.customWords ?? []), text) : [],
    };
  }

  /** Which of the last N messages would match, and which tags they would mark (nothing is written). */
  async dryRun(
    corpId: string,
    q: { ruleId?: string; rule?: ChatRuleBodyDto; limit?: number },
  ): Promise<DryRunResultDto> {
    let defs: RuleDefinition[];
    if (q.ruleId) defs = [{ ...(await this.require(corpId, q.ruleId)), enabled: true }];
    else if (q.rule) defs = [{ ...toWrite(q.rule), id: 'draft', enabled: true }];
    else defs = await this.repo.list(corpId);
    const set = compileRules(defs);
    const messages = await this.archive.latest(corpId, q.limit ?? 500);
    const names = await this.tagNames(corpId);
    const tagCounts: Record<string, number> = {};
    const items = [];
    for (const m of messages) {
      const hit = matchMessage(set, matchInput(m));
      if (!hit.length) continue;
      const tagIds = [...new Set(hit.flatMap((r) => r.def.tagIds))];
      for (const t of tagIds) tagCounts[t] = (tagCounts[t] ?? 0) + 1;
      items.push({
        msgid: m.msgid,
        from: m.from,
        fromCustomer: isExternalId(m.from),
        roomid: m.roomid,
        msgtime: new Date(m.msgtime).toISOString(),
        text: m.text,
        ruleIds: hit.map((r) => r.def.id),
        ruleNames: hit.map((r) => r.def.name),
        tagIds,
        tagNames: tagIds.map((t) => names.get(t) ?? t),
      });
    }
    return { scanned: messages.length, matched: items.length, items, tagCounts };
  }

  /**
   * One page of a back-apply: the rule over messages after `afterId` (up to `upToId`). Marks
   * like live matches (removed marks stay removed), counts no hits.
   */
  async backApplyPage(
    corpId: string,
    ruleId: string,
    afterId: string,
    upToId: string,
    limit: number,
  ): Promise<{ lastId: string | null; scanned: number } & ApplyOutcome> {
    const rule = await this.require(corpId, ruleId);
    const set = compileRules([{ ...rule, enabled: true }]);
    const page = (await this.archive.pageAfter(corpId, afterId, limit)).filter(
      (m) => BigInt(m.id) <= BigInt(upToId),
    );
    if (!page.length) return { lastId: null, scanned: 0, matched: 0, marked: 0 };
    const matches: RuleMatch[] = [];
    for (const message of page)
      for (const r of matchMessage(set, matchInput(message))) matches.push({ rule: r, message });
    const scope = await this.staffScopes(corpId, set);
    let out: ApplyOutcome = { matched: 0, marked: 0 };
    if (matches.length) out = await this.applyMatches(corpId, matches, scope);
    return { lastId: page[page.length - 1].id, scanned: page.length, ...out };
  }

  maxMessageId(corpId: string): Promise<string> {
    return this.archive.maxId(corpId);
  }
}

const notFound = (id: string) =>
  new AppException('CHAT_RULE_NOT_FOUND', `Chat rule ${id} not found`, HttpStatus.NOT_FOUND);

function toWrite(b: ChatRuleBodyDto): RuleWrite {
  const clean = (a: string[] | undefined) => [
    ...new Set((a ?? []).map((s) => s.trim()).filter(Boolean)),
  ];
  return {
    name: b.name.trim(),
    enabled: b.enabled ?? true,
    matchMode: b.matchMode,
    keywords: clean(b.keywords),
    exclusions: clean(b.exclusions),
    segmentation: b.segmentation ?? false,
    customWords: clean(b.customWords),
    senders: b.senders,
    chatTypes: b.chatTypes,
    departmentIds: b.departmentIds?.length ? b.departmentIds : null,
    tagIds: b.tagIds,
  };
}

function toDto(r: RuleRow): ChatRuleDto {
  return {
    id: r.id,
    corpId: r.corpId,
    name: r.name,
    enabled: r.enabled,
    matchMode: r.matchMode,
    keywords: r.keywords,
    exclusions: r.exclusions,
    segmentation: r.segmentation,
    customWords: r.customWords,
    senders: r.senders,
    chatTypes: r.chatTypes,
    departmentIds: r.departmentIds,
    tagIds: r.tagIds,
    hitCount: r.hitCount,
    lastHitAt: r.lastHitAt ? new Date(r.lastHitAt).toISOString() : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
