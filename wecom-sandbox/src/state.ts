import { randomBytes } from 'node:crypto';
import { CallbackDispatcher, type CallbackDelivery, type CallbackEventInput } from './callbacks';
import { SandboxClock } from './clock';
import { IdFactory } from './ids';
import type {
  ArchiveMessage,
  ContactWay,
  Customer,
  DemoCorpConfig,
  Department,
  Follow,
  GroupChat,
  GroupMsg,
  MediaRecord,
  Moment,
  MomentJob,
  Tag,
  TagGroup,
  TransferRecord,
  User,
  WelcomeCodeRecord,
  WelcomeMessageRecord,
  AppMessageRecord,
} from './model';
import { RateLimiter, type RateLimitConfig } from './rate-limit';
import { TokenStore } from './tokens';

export interface SandboxConfig {
  rateLimit: RateLimitConfig;
  tokenTtlSeconds: number;
  callbackUrl?: string;
  callbackTimeoutMs: number;
  callbackRetryDelayMs: number;
  callbackMaxRetries: number;
  callbackConcurrency: number;
  duplicateCallbacks: boolean;
  shuffleCallbacks: boolean;
  /** send_welcome_msg must be called within 20 s of the event (DW 92599). */
  welcomeCodeTtlSeconds: number;
  /** Mass-message receive limit per customer/group (DW 92135): 当月天数 / 7 per week / 1 per day. */
  massMessageLimit: 'month' | 'week' | 'day';
  /**
   * How long (s) after add_msg_template its tasks and results answer 41063 (群发消息正在被派发中).
   * 0: ready at once.
   */
  groupMsgDispatchSeconds: number;
  /** Takeover member's customer cap (transfer status 4 when reached). */
  customerLimitPerUser: number;
  /** groupchat/transfer: 300 groups per day per original owner (DW 96334). */
  groupChatTransferDailyLimit: number;
  /** Pending customer transfers are taken over automatically after 24 h (DW 96325). */
  transferDelaySeconds: number;
  /** add_moment_task jobs finish after this many seconds. */
  momentJobSeconds: number;
  /**
   * 应用管理 → 自建应用 → 企业可信IP. null: not enforced. A list: calls made with the app's
   * token from any other address answer 60020 `not allow to access from your ip, … from ip: x`.
   */
  trustedIps: string[] | null;
  /**
   * 客户联系 → API → 可调用接口的应用: whether the self-built app may call the 客户联系 APIs with its
   * own token. false: every `externalcontact/*` call with the app's token answers 48002.
   */
  appCustomerContact: boolean;
  /**
   * The app's 可见范围 as member userids. null: the whole corp. get_follow_user_list with the
   * app's token lists only the members in it (an empty list when it is empty).
   */
  appVisibleUserIds: string[] | null;
  /**
   * What happens when the admin saves 接收消息 → 设置API接收 (POST /sandbox/callback/settings):
   * 'send' sends WeCom's GET verification (echostr) to the URL, 'never' sends nothing, as when
   * the URL cannot be reached from WeCom.
   */
  callbackVerification: 'send' | 'never';
}

export interface SeedOptions {
  customers: number;
  random: number;
}

export const DEFAULT_CONFIG: SandboxConfig = {
  rateLimit: { perMinute: 10000, perHour: 150000 },
  tokenTtlSeconds: 7200,
  callbackTimeoutMs: 5000,
  callbackRetryDelayMs: 1000,
  callbackMaxRetries: 3,
  callbackConcurrency: 1,
  duplicateCallbacks: false,
  shuffleCallbacks: false,
  welcomeCodeTtlSeconds: 20,
  massMessageLimit: 'month',
  groupMsgDispatchSeconds: 0,
  customerLimitPerUser: 50000,
  groupChatTransferDailyLimit: 300,
  transferDelaySeconds: 86400,
  momentJobSeconds: 1,
  trustedIps: null,
  appCustomerContact: true,
  appVisibleUserIds: null,
  callbackVerification: 'send',
};

const followKey = (userid: string, externalUserId: string) => `${userid}\u0000${externalUserId}`;

/** Index of the first element whose seq is greater than `seq` (arrays are sorted by seq). */
export function upperBoundBySeq<T extends { seq: number }>(items: T[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function removeBySeq<T extends { seq: number }>(items: T[], seq: number): void {
  const i = upperBoundBySeq(items, seq) - 1;
  if (i >= 0 && items[i].seq === seq) items.splice(i, 1);
}

/**
 * Everything the sandbox corp holds. Handlers run synchronously on this object, so every request
 * sees a consistent state (Node runs one handler at a time) and lookups are by index, never scans.
 */
export class SandboxState {
  readonly config: SandboxConfig;
  readonly clock = new SandboxClock();
  ids = new IdFactory();
  readonly tokens: TokenStore;
  readonly rateLimiter: RateLimiter;
  readonly callbacks: CallbackDispatcher;
  /** Base URL the sandbox listens on (set at start). */
  baseUrl = '';

  departments = new Map<number, Department>();
  users = new Map<string, User>();
  /** Users in creation order (user/list_id cursor). */
  userList: User[] = [];
  customers = new Map<string, Customer>();
  follows = new Map<string, Follow>();
  followsByUser = new Map<string, Follow[]>();
  followsByCustomer = new Map<string, Follow[]>();
  tagGroups = new Map<string, TagGroup>();
  tags = new Map<string, Tag>();
  contactWays = new Map<string, ContactWay>();
  /** Contact ways in creation order (list_contact_way cursor). */
  contactWayList: ContactWay[] = [];
  /** Non-temporary contact ways created through the API (cap 500,000). */
  apiContactWayCount = 0;
  groupChats = new Map<string, GroupChat>();
  groupChatList: GroupChat[] = [];
  welcomeCodes = new Map<string, WelcomeCodeRecord>();
  /** Welcome messages sent through send_welcome_msg, for assertions. */
  welcomeMessages: WelcomeMessageRecord[] = [];
  /** App messages sent to members (message/send). */
  appMessages: AppMessageRecord[] = [];
  transfers: TransferRecord[] = [];
  /** Min-heap of waiting transfers by takeover_time. */
  private transferHeap: TransferRecord[] = [];
  transfersByCustomer = new Map<string, TransferRecord[]>();
  transfersByPair = new Map<string, TransferRecord[]>();
  groupChatTransfers: Array<{
    chat_id: string;
    from: string;
    to: string;
    time: number;
    resigned?: boolean;
  }> = [];
  groupMsgs = new Map<string, GroupMsg>();
  groupMsgList: GroupMsg[] = [];
  /** recipient (external_userid or chat_id) → send times of mass messages received. */
  massReceived = new Map<string, number[]>();
  moments = new Map<string, Moment>();
  momentList: Moment[] = [];
  momentJobs = new Map<string, MomentJob>();
  media = new Map<string, MediaRecord>();
  oauthCodes = new Map<
    string,
    { userid: string; expiresAt: number; used: boolean; scope: string }
  >();
  archive: ArchiveMessage[] = [];
  /** Number of API calls served (for the summary). */
  apiCalls = 0;
  /** API calls served per path (tests: "refused before calling" means no call reached here). */
  apiCallsByPath = new Map<string, number>();
  /** Injected failures: the next `remaining` calls of a path answer `errcode` (control route). */
  faults = new Map<string, { errcode: number; remaining: number }>();

  private seqCounter = 0;

  constructor(
    readonly corp: DemoCorpConfig,
    config: Partial<SandboxConfig> = {},
  ) {
    this.config = {
      ...DEFAULT_CONFIG,
      ...config,
      rateLimit: { ...DEFAULT_CONFIG.rateLimit, ...config.rateLimit },
    };
    this.tokens = new TokenStore(() => this.clock.now(), this.config.tokenTtlSeconds);
    this.rateLimiter = new RateLimiter(this.config.rateLimit, () => this.clock.nowMs());
    this.callbacks = new CallbackDispatcher(
      {
        corpId: corp.corpId,
        agentId: corp.agent.agentId,
        token: corp.callback.token,
        encodingAESKey: corp.callback.encodingAESKey,
      },
      this.callbackOptions(),
      () => this.clock.now(),
      () => this.clock.transportNow(),
    );
  }

  callbackOptions() {
    return {
      callbackUrl: this.config.callbackUrl,
      timeoutMs: this.config.callbackTimeoutMs,
      retryDelayMs: this.config.callbackRetryDelayMs,
      maxRetries: this.config.callbackMaxRetries,
      concurrency: this.config.callbackConcurrency,
      duplicateCallbacks: this.config.duplicateCallbacks,
      shuffleCallbacks: this.config.shuffleCallbacks,
    };
  }

  /** Apply a partial config at run time (POST /sandbox/config). */
  applyConfig(patch: Partial<SandboxConfig>): void {
    const { rateLimit, ...rest } = patch;
    for (const [k, v] of Object.entries(rest)) {
      if (v !== undefined && k in DEFAULT_CONFIG)
        (this.config as unknown as Record<string, unknown>)[k] = v;
    }
    if ('callbackUrl' in patch) this.config.callbackUrl = patch.callbackUrl || undefined;
    if (rateLimit) this.rateLimiter.setConfig({ ...this.config.rateLimit, ...rateLimit });
    this.config.rateLimit = this.rateLimiter.config;
    this.tokens.ttlSeconds = this.config.tokenTtlSeconds;
    this.callbacks.options = this.callbackOptions();
  }

  /** Drop all data (seed.ts fills it again). Config, clock and tokens are kept. */
  clearData(): void {
    this.ids = new IdFactory();
    this.departments.clear();
    this.users.clear();
    this.userList = [];
    this.customers.clear();
    this.follows.clear();
    this.followsByUser.clear();
    this.followsByCustomer.clear();
    this.tagGroups.clear();
    this.tags.clear();
    this.contactWays.clear();
    this.contactWayList = [];
    this.apiContactWayCount = 0;
    this.groupChats.clear();
    this.groupChatList = [];
    this.welcomeCodes.clear();
    this.welcomeMessages = [];
    this.appMessages = [];
    this.transfers = [];
    this.transferHeap = [];
    this.transfersByCustomer.clear();
    this.transfersByPair.clear();
    this.groupChatTransfers = [];
    this.groupMsgs.clear();
    this.groupMsgList = [];
    this.massReceived.clear();
    this.moments.clear();
    this.momentList = [];
    this.momentJobs.clear();
    this.media.clear();
    this.oauthCodes.clear();
    this.archive = [];
    this.callbacks.clear();
    this.seqCounter = 0;
  }

  nextSeq(): number {
    return ++this.seqCounter;
  }

  now(): number {
    return this.clock.now();
  }

  /** Queue a callback for the receiver (only people's actions call this, like WeCom). */
  emit(input: CallbackEventInput): CallbackDelivery {
    return this.callbacks.enqueue(input);
  }

  get callbackDeliveries(): CallbackDelivery[] {
    return this.callbacks.deliveries;
  }

  // ---- users and departments -------------------------------------------------------------

  addUser(user: Omit<User, 'seq'>): User {
    const full: User = { ...user, seq: this.nextSeq() };
    this.users.set(full.userid, full);
    this.userList.push(full);
    return full;
  }

  /** Active member (status 1) that exists and has not left. */
  isActive(user: User | undefined): user is User {
    return !!user && user.dimissionTime === undefined;
  }

  departmentSubtree(rootId: number): Department[] {
    const byParent = new Map<number, Department[]>();
    for (const d of this.departments.values()) {
      const list = byParent.get(d.parentid) ?? [];
      list.push(d);
      byParent.set(d.parentid, list);
    }
    const out: Department[] = [];
    const root = this.departments.get(rootId);
    if (!root) return out;
    const stack = [root];
    while (stack.length) {
      const d = stack.shift() as Department;
      out.push(d);
      const children = (byParent.get(d.id) ?? []).sort((a, b) => b.order - a.order || a.id - b.id);
      stack.push(...children);
    }
    return out;
  }

  // ---- customers and follow relations ----------------------------------------------------

  addCustomer(customer: Customer): Customer {
    this.customers.set(customer.external_userid, customer);
    return customer;
  }

  getFollow(userid: string, externalUserId: string): Follow | undefined {
    return this.follows.get(followKey(userid, externalUserId));
  }

  /** Creates the relation (or returns the existing one). */
  addFollow(
    userid: string,
    externalUserId: string,
    init: Partial<Omit<Follow, 'seq' | 'userid' | 'external_userid'>> = {},
  ): Follow {
    const existing = this.getFollow(userid, externalUserId);
    if (existing) return existing;
    const follow: Follow = {
      seq: this.nextSeq(),
      userid,
      external_userid: externalUserId,
      remark: init.remark ?? '',
      description: init.description ?? '',
      createtime: init.createtime ?? this.now(),
      tagIds: init.tagIds ?? [],
      remark_corp_name: init.remark_corp_name,
      remark_mobiles: init.remark_mobiles ?? [],
      oper_userid: init.oper_userid ?? externalUserId,
      add_way: init.add_way ?? 0,
      state: init.state,
    };
    this.follows.set(followKey(userid, externalUserId), follow);
    const byUser = this.followsByUser.get(userid);
    if (byUser) byUser.push(follow);
    else this.followsByUser.set(userid, [follow]);
    const byCustomer = this.followsByCustomer.get(externalUserId);
    if (byCustomer) byCustomer.push(follow);
    else this.followsByCustomer.set(externalUserId, [follow]);
    return follow;
  }

  removeFollow(userid: string, externalUserId: string): Follow | undefined {
    const key = followKey(userid, externalUserId);
    const follow = this.follows.get(key);
    if (!follow) return undefined;
    this.follows.delete(key);
    const byUser = this.followsByUser.get(userid);
    if (byUser) removeBySeq(byUser, follow.seq);
    const byCustomer = this.followsByCustomer.get(externalUserId);
    if (byCustomer) removeBySeq(byCustomer, follow.seq);
    return follow;
  }

  followsOfUser(userid: string): Follow[] {
    return this.followsByUser.get(userid) ?? [];
  }

  /** Relations of the customer with members who are still in the corp. */
  activeFollowsOfCustomer(externalUserId: string): Follow[] {
    return (this.followsByCustomer.get(externalUserId) ?? []).filter((f) =>
      this.isActive(this.users.get(f.userid)),
    );
  }

  tagObjects(
    follow: Follow,
  ): Array<{ group_name: string; tag_name: string; tag_id: string; type: number }> {
    const out = [];
    for (const id of follow.tagIds) {
      const tag = this.tags.get(id);
      if (!tag) continue;
      const group = this.tagGroups.get(tag.group_id);
      out.push({ group_name: group?.group_name ?? '', tag_name: tag.name, tag_id: id, type: 1 });
    }
    return out;
  }

  markTags(follow: Follow, add: string[], remove: string[]): void {
    const set = new Set(follow.tagIds);
    for (const id of remove) set.delete(id);
    for (const id of add) set.add(id);
    follow.tagIds = [...set];
  }

  // ---- welcome codes ---------------------------------------------------------------------

  issueWelcomeCode(userid: string, externalUserId: string): string {
    const code = randomBytes(24).toString('base64url');
    this.welcomeCodes.set(code, {
      code,
      userid,
      external_userid: externalUserId,
      createdMs: this.clock.nowMs(),
      used: false,
    });
    return code;
  }

  // ---- tags ------------------------------------------------------------------------------

  addTagGroup(name: string, order = 0, createTime = this.now()): TagGroup {
    const group: TagGroup = {
      group_id: this.ids.tagId(),
      group_name: name,
      create_time: createTime,
      order,
      tagIds: [],
    };
    this.tagGroups.set(group.group_id, group);
    return group;
  }

  addTag(group: TagGroup, name: string, order = 0, createTime = this.now()): Tag {
    const tag: Tag = {
      id: this.ids.tagId(),
      name,
      create_time: createTime,
      order,
      group_id: group.group_id,
    };
    this.tags.set(tag.id, tag);
    group.tagIds.push(tag.id);
    return tag;
  }

  /** Deletes tags (and groups left empty), removing the marks on every relation. */
  deleteTags(tagIds: string[], groupIds: string[]): { tags: string[]; groups: string[] } {
    const removedTags = new Set<string>();
    const removedGroups: string[] = [];
    for (const gid of groupIds) {
      const group = this.tagGroups.get(gid);
      if (!group) continue;
      for (const t of group.tagIds) removedTags.add(t);
      this.tagGroups.delete(gid);
      removedGroups.push(gid);
    }
    for (const tid of tagIds) {
      const tag = this.tags.get(tid);
      if (!tag) continue;
      removedTags.add(tid);
      const group = this.tagGroups.get(tag.group_id);
      if (group) {
        group.tagIds = group.tagIds.filter((t) => t !== tid);
        // 若删除的标签组下所有的标签将被删除，则标签组也会被删除 (DW 92117).
        if (group.tagIds.length === 0) {
          this.tagGroups.delete(group.group_id);
          removedGroups.push(group.group_id);
        }
      }
    }
    for (const tid of removedTags) this.tags.delete(tid);
    if (removedTags.size > 0) {
      for (const f of this.follows.values()) {
        if (f.tagIds.length && f.tagIds.some((t) => removedTags.has(t))) {
          f.tagIds = f.tagIds.filter((t) => !removedTags.has(t));
        }
      }
    }
    return { tags: [...removedTags], groups: removedGroups };
  }

  // ---- group chats -----------------------------------------------------------------------

  addGroupChat(chat: Omit<GroupChat, 'seq'>): GroupChat {
    const full: GroupChat = { ...chat, seq: this.nextSeq() };
    this.groupChats.set(full.chat_id, full);
    this.groupChatList.push(full);
    return full;
  }

  memberVersion(): string {
    return randomBytes(16).toString('hex');
  }

  // ---- transfers -------------------------------------------------------------------------

  addTransfer(record: Omit<TransferRecord, 'seq'>): TransferRecord {
    const full: TransferRecord = { ...record, seq: this.nextSeq() };
    this.transfers.push(full);
    const byCustomer = this.transfersByCustomer.get(full.external_userid) ?? [];
    byCustomer.push(full);
    this.transfersByCustomer.set(full.external_userid, byCustomer);
    const pair = `${full.handover_userid}\u0000${full.takeover_userid}`;
    const byPair = this.transfersByPair.get(pair) ?? [];
    byPair.push(full);
    this.transfersByPair.set(pair, byPair);
    this.heapPush(full);
    return full;
  }

  private heapPush(rec: TransferRecord): void {
    const h = this.transferHeap;
    h.push(rec);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].takeover_time <= h[i].takeover_time) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  private heapPop(): TransferRecord | undefined {
    const h = this.transferHeap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop() as TransferRecord;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].takeover_time < h[m].takeover_time) m = l;
        if (r < h.length && h[r].takeover_time < h[m].takeover_time) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }

  /** Waiting transfers whose takeover time has come (removed from the queue). */
  takeDueTransfers(now: number): TransferRecord[] {
    const due: TransferRecord[] = [];
    while (this.transferHeap.length > 0 && this.transferHeap[0].takeover_time <= now) {
      const rec = this.heapPop() as TransferRecord;
      if (rec.status === 2) due.push(rec);
    }
    return due;
  }

  pendingTransfer(externalUserId: string): TransferRecord | undefined {
    return (this.transfersByCustomer.get(externalUserId) ?? []).find((t) => t.status === 2);
  }

  // ---- summary ---------------------------------------------------------------------------

  summary(): Record<string, unknown> {
    const deliveries = this.callbacks.deliveries;
    const byStatus: Record<string, number> = { pending: 0, delivered: 0, failed: 0, skipped: 0 };
    for (const d of deliveries) byStatus[d.status]++;
    return {
      corpId: this.corp.corpId,
      departments: this.departments.size,
      users: this.users.size,
      activeUsers: this.userList.filter((u) => this.isActive(u)).length,
      customers: this.customers.size,
      followRelations: this.follows.size,
      tagGroups: this.tagGroups.size,
      tags: this.tags.size,
      contactWays: this.contactWays.size,
      groupChats: this.groupChats.size,
      welcomeMessages: this.welcomeMessages.length,
      transfers: this.transfers.length,
      groupMsgs: this.groupMsgs.size,
      moments: this.moments.size,
      media: this.media.size,
      archiveMessages: this.archive.length,
      callbacks: { total: deliveries.length, ...byStatus, queued: this.callbacks.pending },
      clockOffsetSeconds: this.clock.offsetSeconds,
      apiCalls: this.apiCalls,
    };
  }
}
