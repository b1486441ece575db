import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import axios, { AxiosInstance, isAxiosError } from 'axios';
import { LRUCache } from 'lru-cache';
import type { CorpCredentials } from '../corps/corp.service';
import { AllConfig } from '../config/configuration';
import { AccessTokenStore, FetchedCredential, TicketKind } from './access-token.store';
import { WecomRateLimiter } from './rate-limiter';
import { RecentReads, WecomRecentReads } from './recent-reads';
import {
  RETRYABLE_ERRCODES,
  TOKEN_ERRCODES,
  WecomApiException,
  WecomErrcode,
  shortErrmsg,
} from './wecom-api.exception';
import {
  WECOM_CREDENTIALS,
  WECOM_MODULE_OPTIONS,
  WecomCredentialsSource,
  WecomModuleOptions,
} from './wecom.options';
import type {
  AddContactWayRequest,
  AddContactWayResponse,
  AddCorpTagRequest,
  AddCorpTagResponse,
  AddMomentTaskRequest,
  AddMomentTaskResponse,
  AddMsgTemplateRequest,
  AddMsgTemplateResponse,
  BatchCustomer,
  BatchGetByUserRequest,
  BatchGetByUserResponse,
  DelCorpTagRequest,
  Department,
  EditCorpTagRequest,
  ExternalContactGetResponse,
  GetContactWayResponse,
  GetCorpTagListRequest,
  GetCorpTagListResponse,
  GetGroupMsgListV2Request,
  GetGroupMsgListV2Response,
  GetGroupMsgSendResultRequest,
  GetGroupMsgSendResultResponse,
  GetGroupMsgTaskRequest,
  GetGroupMsgTaskResponse,
  GetMomentListRequest,
  GetMomentListResponse,
  GetMomentTaskRequest,
  GetMomentTaskResponse,
  GetMomentTaskResultResponse,
  GetTokenResponse,
  GetUnassignedListRequest,
  GetUnassignedListResponse,
  GetUserInfoResponse,
  GroupChatGetResponse,
  GroupChatListRequest,
  GroupChatListResponse,
  GroupChatTransferRequest,
  GroupChatTransferResponse,
  MarkTagRequest,
  MediaType,
  MediaUploadResponse,
  RemarkRequest,
  SecretScope,
  SendWelcomeMsgRequest,
  TicketResponse,
  TransferCustomerRequest,
  TransferCustomerResponse,
  TransferResultRequest,
  TransferResultResponse,
  UpdateContactWayRequest,
  UserGetResponse,
  UserListIdRequest,
  UserListIdResponse,
  WecomBaseResponse,
} from './wecom.types';

type Query = Record<string, string | number | undefined>;

interface CallSpec {
  method: 'GET' | 'POST';
  /** Path under /cgi-bin/, e.g. `externalcontact/get`. Also the rate-limit and log key. */
  path: string;
  scope: SecretScope;
  query?: Query;
  body?: unknown;
  /** Safe to repeat after a network error or timeout (reads). WeCom errcodes are always retried. */
  idempotent: boolean;
}

/** One HTTP exchange: WeCom's JSON, or why there is none. */
type Exchange = { ok: true; data: WecomBaseResponse } | { ok: false; reason: string };

const BATCH_USERS = 100;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The server's only door to WeCom. Typed methods, one per API, each taking the corp id first and
 * using the right secret: the app (`agent`), 客户联系 (`contact`) or 通讯录 (`addressBook`) secret,
 * the last two falling back to the app secret when the corp has none.
 *
 * - access_tokens are cached in Redis and refreshed once for all processes (AccessTokenStore);
 *   40014/42001 drop the token, refresh it and retry the call once.
 * - calls per corp and API path are kept under WeCom's frequency limits (WecomRateLimiter).
 * - errcode != 0 becomes WecomApiException; -1, 45009, 45011 and 45033 are retried with
 *   exponential backoff first, as are network errors and timeouts of reads.
 * - logs carry the API path, corp id, errcode and duration; never tokens, secrets or payloads.
 */
@Injectable()
export class WecomClient implements OnModuleDestroy {
  private readonly logger = new Logger(WecomClient.name);
  private readonly http: AxiosInstance;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });
  private readonly oauthBaseUrl: string;
  private readonly credentialCache: LRUCache<string, CorpCredentials>;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly tokens: AccessTokenStore,
    private readonly limiter: WecomRateLimiter,
    @Inject(WecomRecentReads) private readonly recentReads: RecentReads,
    @Inject(WECOM_CREDENTIALS) private readonly credentialSource: WecomCredentialsSource,
    @Inject(WECOM_MODULE_OPTIONS) private readonly options: WecomModuleOptions,
  ) {
    const wecom = config.get('wecom', { infer: true });
    this.oauthBaseUrl = wecom.oauthBaseUrl;
    // ttl 0 would mean "forever" to LRUCache; here it means "do not keep"
    this.credentialCache = new LRUCache({
      max: 10_000,
      ttl: Math.max(1, options.credentialsCacheMs),
    });
    this.http = axios.create({
      baseURL: wecom.baseUrl,
      timeout: wecom.httpTimeoutMs,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // every status is inspected by hand: WeCom errors come back as HTTP 200 + errcode
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { 'User-Agent': 'wecom-scrm' },
    });
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  // ============================================================ address book (通讯录)

  /** department/list: the department `id` and its subtree (the whole tree without `id`). */
  async listDepartments(corpId: string, id?: number): Promise<Department[]> {
    const res = await this.get<{ department: Department[] } & WecomBaseResponse>(
      corpId,
      'addressBook',
      'department/list',
      { id },
    );
    return res.department ?? [];
  }

  /** user/get */
  getUser(corpId: string, userid: string): Promise<UserGetResponse> {
    return this.get(corpId, 'addressBook', 'user/get', { userid });
  }

  /** user/list_id: one page of (userid, department) pairs. */
  listUserIds(corpId: string, req: UserListIdRequest = {}): Promise<UserListIdResponse> {
    return this.post(corpId, 'addressBook', 'user/list_id', req, true);
  }

  /** Every userid of the corp (user/list_id walked to the end; each userid once). */
  async listAllUserIds(corpId: string): Promise<string[]> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.listUserIds(corpId, { cursor, limit: 10000 });
      for (const row of page.dept_user ?? []) seen.add(row.userid);
      cursor = page.next_cursor || undefined;
    } while (cursor);
    return [...seen];
  }

  // ============================================================ customers (客户)

  /** externalcontact/get_follow_user_list: members with customer-contact enabled. */
  async getFollowUserList(corpId: string): Promise<string[]> {
    const res = await this.get<{ follow_user: string[] } & WecomBaseResponse>(
      corpId,
      'contact',
      'externalcontact/get_follow_user_list',
    );
    return res.follow_user ?? [];
  }

  /** externalcontact/list: one member's customers ([] when WeCom says 84061 "no customers"). */
  async listExternalContacts(corpId: string, userid: string): Promise<string[]> {
    try {
      const res = await this.get<{ external_userid: string[] } & WecomBaseResponse>(
        corpId,
        'contact',
        'externalcontact/list',
        { userid },
      );
      return res.external_userid ?? [];
    } catch (err) {
      if (err instanceof WecomApiException && err.errcode === WecomErrcode.NotExternalContact)
        return [];
      throw err;
    }
  }

  /**
   * externalcontact/get: the customer with every follow user. WeCom pages follow_user by 500;
   * the pages are walked and concatenated.
   *
   * `freshSince` (ms): the caller needs WeCom's state as of no earlier than this moment (when its
   * callback event arrived), so a read of the same customer that started at or after it is
   * reused instead of calling WeCom again (RecentReads). Without it WeCom is always read.
   */
  getExternalContact(
    corpId: string,
    externalUserId: string,
    opts: { freshSince?: number } = {},
  ): Promise<ExternalContactGetResponse> {
    const key = `${corpId}:externalcontact/get:${externalUserId}`;
    const fetch = () => this.readExternalContact(corpId, externalUserId);
    return opts.freshSince === undefined
      ? this.recentReads.fetchAndKeep(key, fetch)
      : this.recentReads.read(key, opts.freshSince, fetch);
  }

  private async readExternalContact(
    corpId: string,
    externalUserId: string,
  ): Promise<ExternalContactGetResponse> {
    let cursor: string | undefined;
    let first: ExternalContactGetResponse | undefined;
    do {
      const page = await this.get<ExternalContactGetResponse>(
        corpId,
        'contact',
        'externalcontact/get',
        {
          external_userid: externalUserId,
          cursor,
        },
      );
      if (!first) first = { ...page, follow_user: [...(page.follow_user ?? [])] };
      else first.follow_user.push(...(page.follow_user ?? []));
      cursor = page.next_cursor || undefined;
    } while (cursor);
    first.next_cursor = '';
    return first;
  }

  /** externalcontact/batch/get_by_user: one page (≤100 members, ≤100 per page). */
  batchGetCustomersByUser(
    corpId: string,
    req: BatchGetByUserRequest,
  ): Promise<BatchGetByUserResponse> {
    return this.post(corpId, 'contact', 'externalcontact/batch/get_by_user', req, true);
  }

  /**
   * Every (customer, follow info) pair of the given members: userid_list in chunks of 100,
   * each chunk's cursor walked to the end. A customer followed by two of the members comes once
   * per member.
   */
  async *iterateCustomersByUsers(
    corpId: string,
    userIds: string[],
    pageSize = 100,
  ): AsyncGenerator<BatchCustomer, void, undefined> {
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += BATCH_USERS) {
      const chunk = unique.slice(i, i + BATCH_USERS);
      let cursor: string | undefined;
      do {
        const page = await this.batchGetCustomersByUser(corpId, {
          userid_list: chunk,
          cursor,
          limit: pageSize,
        });
        yield* page.external_contact_list ?? [];
        cursor = page.next_cursor || undefined;
      } while (cursor);
    }
  }

  /** externalcontact/remark */
  async remarkExternalContact(corpId: string, req: RemarkRequest): Promise<void> {
    await this.post(corpId, 'contact', 'externalcontact/remark', req, true);
  }

  // ============================================================ corp tags (企业标签)

  getCorpTagList(corpId: string, req: GetCorpTagListRequest = {}): Promise<GetCorpTagListResponse> {
    return this.post(corpId, 'contact', 'externalcontact/get_corp_tag_list', req, true);
  }

  addCorpTag(corpId: string, req: AddCorpTagRequest): Promise<AddCorpTagResponse> {
    return this.post(corpId, 'contact', 'externalcontact/add_corp_tag', req, false);
  }

  async editCorpTag(corpId: string, req: EditCorpTagRequest): Promise<void> {
    await this.post(corpId, 'contact', 'externalcontact/edit_corp_tag', req, true);
  }

  async deleteCorpTag(corpId: string, req: DelCorpTagRequest): Promise<void> {
    await this.post(corpId, 'contact', 'externalcontact/del_corp_tag', req, true);
  }

  /** externalcontact/mark_tag: add/remove corp tags on one member's customer. */
  async markTag(corpId: string, req: MarkTagRequest): Promise<void> {
    await this.post(corpId, 'contact', 'externalcontact/mark_tag', req, true);
  }

  // ============================================================ contact ways (联系我) and welcome

  addContactWay(corpId: string, req: AddContactWayRequest): Promise<AddContactWayResponse> {
    return this.post(corpId, 'contact', 'externalcontact/add_contact_way', req, false);
  }

  getContactWay(corpId: string, configId: string): Promise<GetContactWayResponse> {
    return this.post(
      corpId,
      'contact',
      'externalcontact/get_contact_way',
      { config_id: configId },
      true,
    );
  }

  async updateContactWay(corpId: string, req: UpdateContactWayRequest): Promise<void> {
    await this.post(corpId, 'contact', 'externalcontact/update_contact_way', req, true);
  }

  async deleteContactWay(corpId: string, configId: string): Promise<void> {
    await this.post(
      corpId,
      'contact',
      'externalcontact/del_contact_way',
      { config_id: configId },
      true,
    );
  }

  /** send_welcome_msg: within 20 s of the event, once (41051 = already chatting, do not retry). */
  async sendWelcomeMsg(corpId: string, req: SendWelcomeMsgRequest): Promise<void> {
    await this.post(corpId, 'contact', 'externalcontact/send_welcome_msg', req, false);
  }

  // ============================================================ group chats (客户群)

  listGroupChats(corpId: string, req: GroupChatListRequest): Promise<GroupChatListResponse> {
    return this.post(corpId, 'contact', 'externalcontact/groupchat/list', req, true);
  }

  /** Every group chat matching the filters (groupchat/list cursors walked to the end). */
  async *iterateGroupChats(
    corpId: string,
    filter: Omit<GroupChatListRequest, 'cursor' | 'limit'> = {},
    pageSize = 1000,
  ): AsyncGenerator<{ chat_id: string; status: number }, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.listGroupChats(corpId, { ...filter, cursor, limit: pageSize });
      yield* page.group_chat_list ?? [];
      cursor = page.next_cursor || undefined;
    } while (cursor);
  }

  /** groupchat/get (`need_name` 1 adds member names). */
  getGroupChat(corpId: string, chatId: string, needName = true): Promise<GroupChatGetResponse> {
    return this.post(
      corpId,
      'contact',
      'externalcontact/groupchat/get',
      { chat_id: chatId, need_name: needName ? 1 : 0 },
      true,
    );
  }

  // ============================================================ transfers (在职/离职继承)

  /** transfer_customer (在职继承, ≤100 customers). Per-customer errcodes are in `customer[]`. */
  transferCustomers(
    corpId: string,
    req: TransferCustomerRequest,
  ): Promise<TransferCustomerResponse> {
    return this.post(corpId, 'contact', 'externalcontact/transfer_customer', req, false);
  }

  transferResult(corpId: string, req: TransferResultRequest): Promise<TransferResultResponse> {
    return this.post(corpId, 'contact', 'externalcontact/transfer_result', req, true);
  }

  /** resigned/transfer_customer (离职继承, ≤100 customers). */
  transferResignedCustomers(
    corpId: string,
    req: Omit<TransferCustomerRequest, 'transfer_success_msg'>,
  ): Promise<TransferCustomerResponse> {
    return this.post(corpId, 'contact', 'externalcontact/resigned/transfer_customer', req, false);
  }

  resignedTransferResult(
    corpId: string,
    req: TransferResultRequest,
  ): Promise<TransferResultResponse> {
    return this.post(corpId, 'contact', 'externalcontact/resigned/transfer_result', req, true);
  }

  getUnassignedList(
    corpId: string,
    req: GetUnassignedListRequest = {},
  ): Promise<GetUnassignedListResponse> {
    return this.post(corpId, 'contact', 'externalcontact/get_unassigned_list', req, true);
  }

  /** groupchat/transfer: groups of departed owners (≤100 per call). */
  transferGroupChats(
    corpId: string,
    req: GroupChatTransferRequest,
  ): Promise<GroupChatTransferResponse> {
    return this.post(corpId, 'contact', 'externalcontact/groupchat/transfer', req, false);
  }

  /** groupchat/onjob_transfer: groups of active owners (≤100 per call). */
  transferOnJobGroupChats(
    corpId: string,
    req: GroupChatTransferRequest,
  ): Promise<GroupChatTransferResponse> {
    return this.post(corpId, 'contact', 'externalcontact/groupchat/onjob_transfer', req, false);
  }

  // ============================================================ mass messages (群发)

  addMsgTemplate(corpId: string, req: AddMsgTemplateRequest): Promise<AddMsgTemplateResponse> {
    return this.post(corpId, 'contact', 'externalcontact/add_msg_template', req, false);
  }

  getGroupMsgListV2(
    corpId: string,
    req: GetGroupMsgListV2Request,
  ): Promise<GetGroupMsgListV2Response> {
    return this.post(corpId, 'contact', 'externalcontact/get_groupmsg_list_v2', req, true);
  }

  getGroupMsgTask(corpId: string, req: GetGroupMsgTaskRequest): Promise<GetGroupMsgTaskResponse> {
    return this.post(corpId, 'contact', 'externalcontact/get_groupmsg_task', req, true);
  }

  getGroupMsgSendResult(
    corpId: string,
    req: GetGroupMsgSendResultRequest,
  ): Promise<GetGroupMsgSendResultResponse> {
    return this.post(corpId, 'contact', 'externalcontact/get_groupmsg_send_result', req, true);
  }

  /** remind_groupmsg_send: at most 3 reminders per message within 24 h. */
  async remindGroupMsgSend(corpId: string, msgid: string): Promise<void> {
    await this.post(corpId, 'contact', 'externalcontact/remind_groupmsg_send', { msgid }, false);
  }

  async cancelGroupMsgSend(corpId: string, msgid: string): Promise<void> {
    await this.post(corpId, 'contact', 'externalcontact/cancel_groupmsg_send', { msgid }, true);
  }

  // ============================================================ moments (朋友圈)

  addMomentTask(corpId: string, req: AddMomentTaskRequest): Promise<AddMomentTaskResponse> {
    return this.post(corpId, 'contact', 'externalcontact/add_moment_task', req, false);
  }

  getMomentTaskResult(corpId: string, jobid: string): Promise<GetMomentTaskResultResponse> {
    return this.get(corpId, 'contact', 'externalcontact/get_moment_task_result', { jobid });
  }

  /** get_moment_task: which members have published a moment. */
  getMomentTask(corpId: string, req: GetMomentTaskRequest): Promise<GetMomentTaskResponse> {
    return this.post(corpId, 'contact', 'externalcontact/get_moment_task', req, true);
  }

  getMomentList(corpId: string, req: GetMomentListRequest): Promise<GetMomentListResponse> {
    return this.post(corpId, 'contact', 'externalcontact/get_moment_list', req, true);
  }

  // ============================================================ JS-SDK tickets

  /** The corp jsapi_ticket (wx.config), cached in Redis like access_tokens. */
  getJsapiTicket(corpId: string): Promise<string> {
    return this.ticket(corpId, 'jsapi');
  }

  /** The app ticket (wx.agentConfig, `ticket/get?type=agent_config`), cached separately. */
  getAgentConfigTicket(corpId: string): Promise<string> {
    return this.ticket(corpId, 'agent_config');
  }

  // ============================================================ OAuth

  /** auth/getuserinfo with the app token. A code works once, so a network error is not retried. */
  getUserInfoByCode(corpId: string, code: string): Promise<GetUserInfoResponse> {
    return this.call(
      {
        method: 'GET',
        path: 'auth/getuserinfo',
        scope: 'agent',
        query: { code },
        idempotent: false,
      },
      corpId,
    );
  }

  /** The page a member's browser is sent to for silent OAuth (snsapi_base) inside WeCom. */
  buildOAuthAuthorizeUrl(
    corpId: string,
    agentId: number | string,
    redirectUri: string,
    state: string,
  ): string {
    const qs = [
      `appid=${encodeURIComponent(corpId)}`,
      `redirect_uri=${encodeURIComponent(redirectUri)}`,
      'response_type=code',
      'scope=snsapi_base',
      `agentid=${encodeURIComponent(String(agentId))}`,
      `state=${encodeURIComponent(state)}`,
    ].join('&');
    return `${this.oauthBaseUrl}/connect/oauth2/authorize?${qs}#wechat_redirect`;
  }

  // ============================================================ media

  /**
   * media/upload (temporary media, 3 days). Attachments of welcome / mass messages / moments are
   * used with the customer-contact secret, so that is the default scope.
   */
  uploadMedia(
    corpId: string,
    type: MediaType,
    file: { data: Buffer; filename: string; contentType?: string },
    scope: SecretScope = 'contact',
  ): Promise<MediaUploadResponse> {
    const form = new FormData();
    const bytes = new Uint8Array(file.data); // a copy with its own ArrayBuffer, as Blob wants
    form.append(
      'media',
      new Blob([bytes], { type: file.contentType ?? 'application/octet-stream' }),
      file.filename,
    );
    return this.call(
      {
        method: 'POST',
        path: 'media/upload',
        scope,
        query: { type },
        body: form,
        idempotent: false,
      },
      corpId,
    );
  }

  // ============================================================ credentials housekeeping

  /** Forget a corp's cached credentials and tokens (after its secrets were changed). */
  async forgetCorp(corpId: string): Promise<void> {
    this.credentialCache.delete(corpId);
    for (const scope of ['agent', 'contact', 'addressBook'] as const) {
      await this.tokens.forget(this.tokens.tokenKey(corpId, scope));
    }
    for (const kind of ['jsapi', 'agent_config'] as const) {
      await this.tokens.forget(this.tokens.ticketKey(corpId, kind));
    }
  }

  // ============================================================ internals

  private get<T extends WecomBaseResponse>(
    corpId: string,
    scope: SecretScope,
    path: string,
    query?: Query,
  ): Promise<T> {
    return this.call<T>({ method: 'GET', path, scope, query, idempotent: true }, corpId);
  }

  private post<T extends WecomBaseResponse>(
    corpId: string,
    scope: SecretScope,
    path: string,
    body: unknown,
    idempotent: boolean,
  ): Promise<T> {
    return this.call<T>({ method: 'POST', path, scope, body, idempotent }, corpId);
  }

  private async ticket(corpId: string, kind: TicketKind): Promise<string> {
    return this.tokens.get(
      this.tokens.ticketKey(corpId, kind),
      async (): Promise<FetchedCredential> => {
        const res =
          kind === 'jsapi'
            ? await this.call<TicketResponse>(
                { method: 'GET', path: 'get_jsapi_ticket', scope: 'agent', idempotent: true },
                corpId,
              )
            : await this.call<TicketResponse>(
                {
                  method: 'GET',
                  path: 'ticket/get',
                  scope: 'agent',
                  query: { type: 'agent_config' },
                  idempotent: true,
                },
                corpId,
              );
        return { value: res.ticket, expiresIn: res.expires_in };
      },
    );
  }

  /** A call with an access_token: token refresh on 40014/42001, backoff on transient errors. */
  private async call<T extends WecomBaseResponse>(spec: CallSpec, corpId: string): Promise<T> {
    const creds = await this.credentials(corpId);
    const { scope, secret } = pickSecret(creds, spec.scope);
    const tokenKey = this.tokens.tokenKey(corpId, scope);
    let tokenRetried = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.get(tokenKey, () => this.fetchToken(corpId, scope, secret));
      const result = await this.exchange(corpId, spec, { ...spec.query, access_token: token });
      if (
        result.ok &&
        result.data.errcode &&
        TOKEN_ERRCODES.has(result.data.errcode) &&
        !tokenRetried
      ) {
        tokenRetried = true;
        attempt--; // a refreshed token is not a backoff attempt
        await this.tokens.invalidate(tokenKey, token);
        continue;
      }
      const outcome = this.judge<T>(spec, result);
      if ('data' in outcome) return outcome.data;
      if (outcome.retry && attempt < this.options.retry.attempts) {
        await sleep(this.backoff(attempt));
        continue;
      }
      throw outcome.error;
    }
  }

  /** gettoken: no token needed; retried like a read. The secret goes in the query, never in logs. */
  private async fetchToken(
    corpId: string,
    scope: SecretScope,
    secret: string,
  ): Promise<FetchedCredential> {
    const spec: CallSpec = { method: 'GET', path: 'gettoken', scope, idempotent: true };
    for (let attempt = 1; ; attempt++) {
      const result = await this.exchange(corpId, spec, { corpid: corpId, corpsecret: secret });
      const outcome = this.judge<GetTokenResponse>(spec, result);
      if ('data' in outcome) {
        if (!outcome.data.access_token)
          throw WecomApiException.unavailable('gettoken', 'no access_token in answer');
        return {
          value: outcome.data.access_token,
          expiresIn: Number(outcome.data.expires_in) || 7200,
        };
      }
      if (outcome.retry && attempt < this.options.retry.attempts) {
        await sleep(this.backoff(attempt));
        continue;
      }
      throw outcome.error;
    }
  }

  /** Success, or the exception to throw and whether another attempt may help. */
  private judge<T extends WecomBaseResponse>(
    spec: CallSpec,
    result: Exchange,
  ): { data: T } | { error: WecomApiException; retry: boolean } {
    if (!result.ok) {
      return {
        error: WecomApiException.unavailable(spec.path, result.reason),
        retry: spec.idempotent,
      };
    }
    const errcode = Number(result.data.errcode ?? 0);
    if (errcode === 0) return { data: result.data as T };
    return {
      error: WecomApiException.fromResponse(spec.path, errcode, String(result.data.errmsg ?? '')),
      retry: RETRYABLE_ERRCODES.has(errcode),
    };
  }

  /** One rate-limited HTTP exchange, logged by path, corp, errcode and duration only. */
  private async exchange(corpId: string, spec: CallSpec, query: Query): Promise<Exchange> {
    await this.limiter.acquire(corpId, spec.path);
    const started = Date.now();
    let result: Exchange;
    try {
      const res = await this.http.request<unknown>({
        method: spec.method,
        url: `/cgi-bin/${spec.path}`,
        params: query,
        data: spec.body,
      });
      const body = res.data;
      if (res.status >= 200 && res.status < 300 && isWecomBody(body))
        result = { ok: true, data: body };
      else
        result = {
          ok: false,
          reason: `HTTP ${res.status}${isWecomBody(body) ? '' : ' without WeCom JSON'}`,
        };
    } catch (err) {
      // never keep the axios error: its config holds the URL with access_token / corpsecret
      result = { ok: false, reason: networkReason(err) };
    }
    const ms = Date.now() - started;
    if (result.ok && !result.data.errcode) {
      this.logger.debug(`${spec.method} ${spec.path} corp=${corpId} errcode=0 ${ms}ms`);
    } else if (result.ok) {
      this.logger.warn(
        `${spec.method} ${spec.path} corp=${corpId} errcode=${result.data.errcode} ${ms}ms: ${shortErrmsg(result.data.errmsg)}`,
      );
    } else {
      this.logger.warn(
        `${spec.method} ${spec.path} corp=${corpId} failed after ${ms}ms: ${result.reason}`,
      );
    }
    return result;
  }

  private backoff(attempt: number): number {
    const base = this.options.retry.baseDelayMs * 2 ** (attempt - 1);
    return Math.round(base + Math.random() * base * 0.2);
  }

  private async credentials(corpId: string): Promise<CorpCredentials> {
    const cached = this.credentialCache.get(corpId);
    if (cached) return cached;
    const value = await this.credentialSource.credentials(corpId);
    this.credentialCache.set(corpId, value);
    return value;
  }
}

/** The secret for a scope; customer-contact and address-book fall back to the app secret. */
export function pickSecret(
  creds: CorpCredentials,
  scope: SecretScope,
): { scope: SecretScope; secret: string } {
  if (scope === 'contact' && creds.contactSecret) return { scope, secret: creds.contactSecret };
  if (scope === 'addressBook' && creds.addressBookSecret)
    return { scope, secret: creds.addressBookSecret };
  return { scope: 'agent', secret: creds.agentSecret };
}

function isWecomBody(body: unknown): body is WecomBaseResponse {
  return (
    typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body)
  );
}

/** A short reason for a failed exchange: the error code (ECONNREFUSED, timeout), not the URL. */
export function networkReason(err: unknown): string {
  if (isAxiosError(err)) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') return 'timeout';
    return err.code ?? 'network error';
  }
  return err instanceof Error ? err.name : 'network error';
}
