import {
  heldTransferCalls,
  releaseTransferHold,
  setTransferHold,
  transferCallLog,
} from '../api/transfers';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import {
  ActionError,
  addStaff,
  adminAddTag,
  adminCreateTagGroup,
  adminDeleteTag,
  adminRenameTag,
  adminShuffleTags,
  advanceClock,
  changeGroupNotice,
  changeGroupOwner,
  createDepartment,
  createGroup,
  createUser,
  customerDeletesStaff,
  deleteDepartment,
  dismissGroup,
  joinGroup,
  leaveGroup,
  renameGroup,
  respondToTransfer,
  scanContactWay,
  staffDeletesCustomer,
  staffEditsCustomer,
  toActionError,
  updateDepartment,
  updateUser,
  userLeaves,
} from '../actions';
import { contactWayUsers } from '../api/contact-ways';
import { chatStatus } from '../api/groupchats';
import { archiveSend } from '../api/msgaudit';
import { sendGroupMsg } from '../api/groupmsgs';
import { interactWithMoment, postPersonalMoment, publishMoment } from '../api/moments';
import { verifyCallbackUrl } from '../callbacks';
import { randomId } from '../ids';
import { qrLikePng } from '../qr';
import type { SandboxConfig, SandboxState } from '../state';
import { controlPage } from './page';

type Body = Record<string, unknown>;

function handle(fn: (req: Request) => unknown | Promise<unknown>) {
  return async (req: Request, res: Response) => {
    try {
      const result = await fn(req);
      res.json({ ok: true, ...(result && typeof result === 'object' ? (result as object) : {}) });
    } catch (err) {
      const e = toActionError(err);
      if (!e) throw err;
      res.status(e.status).json({ ok: false, error: e.message });
    }
  };
}

const CONFIG_KEYS: Array<keyof SandboxConfig> = [
  'rateLimit',
  'tokenTtlSeconds',
  'callbackUrl',
  'callbackTimeoutMs',
  'callbackRetryDelayMs',
  'callbackMaxRetries',
  'callbackConcurrency',
  'duplicateCallbacks',
  'shuffleCallbacks',
  'welcomeCodeTtlSeconds',
  'massMessageLimit',
  'groupMsgDispatchSeconds',
  'customerLimitPerUser',
  'groupChatTransferDailyLimit',
  'transferDelaySeconds',
  'momentJobSeconds',
  'trustedIps',
  'appCustomerContact',
  'appVisibleUserIds',
  'callbackVerification',
];

const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The app-settings switches are checked, so a typo cannot silently turn a failure off. */
function checkAppSettings(b: Body): void {
  if ('trustedIps' in b && b.trustedIps !== null && !isStringList(b.trustedIps))
    throw new ActionError(400, 'trustedIps must be null or a list of IP addresses');
  if (
    'appVisibleUserIds' in b &&
    b.appVisibleUserIds !== null &&
    !isStringList(b.appVisibleUserIds)
  )
    throw new ActionError(400, 'appVisibleUserIds must be null or a list of userids');
  if ('appCustomerContact' in b && typeof b.appCustomerContact !== 'boolean')
    throw new ActionError(400, 'appCustomerContact must be true or false');
  if ('callbackVerification' in b && !['send', 'never'].includes(String(b.callbackVerification)))
    throw new ActionError(400, "callbackVerification must be 'send' or 'never'");
}

const SECRET_KINDS = ['agent', 'contact', 'addressbook'] as const;
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function controlRouter(state: SandboxState, reset: () => void): Router {
  const r = express.Router();
  r.use(express.json({ limit: '5mb' }));
  const body = (req: Request) =>
    req.body && typeof req.body === 'object' ? (req.body as Body) : {};
  const p = (req: Request, name: string) => String(req.params[name]);

  r.get('/', (_req, res) => {
    res.type('html').send(controlPage());
  });

  // ---- customers and staff --------------------------------------------------------------
  r.post(
    '/customers/scan',
    handle((req) => scanContactWay(state, body(req))),
  );
  r.post(
    '/customers/add-staff',
    handle((req) => addStaff(state, body(req))),
  );
  r.post(
    '/customers/delete-staff',
    handle((req) => {
      customerDeletesStaff(state, body(req));
      return {};
    }),
  );
  r.post(
    '/staff/delete-customer',
    handle((req) => {
      staffDeletesCustomer(state, body(req));
      return {};
    }),
  );
  r.post(
    '/staff/edit-customer',
    handle((req) => {
      const f = staffEditsCustomer(state, body(req));
      return { remark: f.remark, description: f.description, tagIds: f.tagIds };
    }),
  );

  // ---- groups ---------------------------------------------------------------------------
  const chatOut = (g: {
    chat_id: string;
    name: string;
    owner: string;
    members: Map<string, unknown>;
  }) => ({
    chatId: g.chat_id,
    name: g.name,
    owner: g.owner,
    memberCount: g.members.size,
  });
  r.post(
    '/groups',
    handle((req) => chatOut(createGroup(state, body(req)))),
  );
  r.post(
    '/groups/:chatId/join',
    handle((req) => chatOut(joinGroup(state, { ...body(req), chatId: p(req, 'chatId') }))),
  );
  r.post(
    '/groups/:chatId/leave',
    handle((req) => chatOut(leaveGroup(state, { ...body(req), chatId: p(req, 'chatId') }))),
  );
  r.post(
    '/groups/:chatId/rename',
    handle((req) => chatOut(renameGroup(state, { ...body(req), chatId: p(req, 'chatId') }))),
  );
  r.post(
    '/groups/:chatId/notice',
    handle((req) => chatOut(changeGroupNotice(state, { ...body(req), chatId: p(req, 'chatId') }))),
  );
  r.post(
    '/groups/:chatId/owner',
    handle((req) => chatOut(changeGroupOwner(state, { ...body(req), chatId: p(req, 'chatId') }))),
  );
  r.post(
    '/groups/:chatId/dismiss',
    handle((req) => chatOut(dismissGroup(state, { chatId: p(req, 'chatId') }))),
  );

  // ---- injected API failures (tests: WeCom busy or down for one API) ----------------------
  r.post(
    '/faults',
    handle((req) => {
      const { path, errcode, count } = body(req) as {
        path?: string;
        errcode?: number;
        count?: number;
      };
      if (!path) throw new ActionError(400, 'path is required');
      state.faults.set(path as string, { errcode: errcode ?? -1, remaining: count ?? 1 });
      return {};
    }),
  );
  r.delete(
    '/faults',
    handle(() => (state.faults.clear(), {})),
  );
  r.get(
    '/api-calls',
    handle(() => Object.fromEntries(state.apiCallsByPath)),
  );

  // ---- corp tags (admin console) --------------------------------------------------------
  r.post(
    '/tags/groups',
    handle((req) => adminCreateTagGroup(state, body(req))),
  );
  r.post(
    '/tags',
    handle((req) => adminAddTag(state, body(req))),
  );
  r.post(
    '/tags/shuffle',
    handle((req) => (adminShuffleTags(state, body(req)), {})),
  );
  r.post(
    '/tags/:id/rename',
    handle((req) => (adminRenameTag(state, { ...body(req), id: p(req, 'id') }), {})),
  );
  r.post(
    '/tags/:id/delete',
    handle((req) => (adminDeleteTag(state, { id: p(req, 'id') }), {})),
  );
  r.delete(
    '/tags/:id',
    handle((req) => (adminDeleteTag(state, { id: p(req, 'id') }), {})),
  );

  // ---- address book (admin console) -----------------------------------------------------
  r.post(
    '/users',
    handle((req) => ({ userid: createUser(state, body(req)).userid })),
  );
  r.post(
    '/users/:userid/update',
    handle((req) => ({ userid: updateUser(state, p(req, 'userid'), body(req)).userid })),
  );
  r.post(
    '/users/:userid/leave',
    handle((req) => {
      const u = userLeaves(state, p(req, 'userid'));
      return { userid: u.userid, dimissionTime: u.dimissionTime };
    }),
  );
  r.post(
    '/departments',
    handle((req) => ({ id: createDepartment(state, body(req)).id })),
  );
  r.post(
    '/departments/:id/update',
    handle((req) => ({ id: updateDepartment(state, Number(p(req, 'id')), body(req)).id })),
  );
  r.post(
    '/departments/:id/delete',
    handle((req) => (deleteDepartment(state, Number(p(req, 'id'))), {})),
  );

  // ---- transfers, clock -----------------------------------------------------------------
  r.post(
    '/transfers/respond',
    handle((req) => {
      const rec = respondToTransfer(state, body(req));
      return { externalUserId: rec.external_userid, status: rec.status };
    }),
  );
  r.get(
    '/transfers/calls',
    handle(() => {
      const log = transferCallLog(state);
      return {
        perApi: Object.fromEntries(log.perApi),
        perCustomer: Object.fromEntries(log.perCustomer),
        held: heldTransferCalls(state),
      };
    }),
  );
  r.post(
    '/transfers/hold',
    handle((req) => {
      const b = body(req);
      setTransferHold(state, Number(b.pass ?? 0), Number(b.hold ?? 1));
      return {};
    }),
  );
  r.post(
    '/transfers/release',
    handle((req) => ({ released: releaseTransferHold(state, body(req).apply === true) })),
  );
  r.get(
    '/clock',
    handle(() => ({ now: state.now(), offsetSeconds: state.clock.offsetSeconds })),
  );
  r.post(
    '/clock/advance',
    handle((req) => advanceClock(state, Number(body(req).seconds))),
  );

  // ---- mass messages and moments --------------------------------------------------------
  r.post(
    '/groupmsg/:msgid/send',
    handle((req) => {
      const msg = state.groupMsgs.get(p(req, 'msgid'));
      if (!msg) throw new ActionError(404, `msgid ${p(req, 'msgid')} not found`);
      const userid = String(body(req).userid ?? '');
      const sent = sendGroupMsg(state, msg, userid);
      return { results: sent };
    }),
  );
  r.post(
    '/moments/:momentId/publish',
    handle((req) => {
      const m = state.moments.get(p(req, 'momentId'));
      if (!m) throw new ActionError(404, `moment ${p(req, 'momentId')} not found`);
      const b = body(req);
      const userid = String(b.userid ?? '');
      if (!m.tasks.has(userid)) throw new ActionError(400, `${userid} has no task in this moment`);
      const counts = publishMoment(state, m, userid, {
        onlyTo: Array.isArray(b.onlyTo) ? b.onlyTo.map(String) : undefined,
        notSentTo: Array.isArray(b.notSentTo) ? b.notSentTo.map(String) : undefined,
      });
      return { momentId: m.moment_id, userid, publish_status: 1, ...counts };
    }),
  );
  r.post(
    '/moments/:momentId/interact',
    handle((req) => {
      const m = state.moments.get(p(req, 'momentId'));
      if (!m) throw new ActionError(404, `moment ${p(req, 'momentId')} not found`);
      const b = body(req);
      const kind = b.kind === 'like' ? 'like' : b.kind === 'comment' ? 'comment' : null;
      if (!kind) throw new ActionError(400, 'kind must be comment or like');
      try {
        return interactWithMoment(state, m, String(b.userid ?? ''), kind, {
          external_userid: b.external_userid ? String(b.external_userid) : undefined,
          userid: b.from_userid ? String(b.from_userid) : undefined,
        });
      } catch (err) {
        throw new ActionError(400, (err as Error).message);
      }
    }),
  );
  r.post(
    '/moments/personal',
    handle((req) => {
      const b = body(req);
      try {
        const m = postPersonalMoment(state, String(b.userid ?? ''), String(b.text ?? ''));
        return { momentId: m.moment_id, creator: m.creator };
      } catch (err) {
        throw new ActionError(400, (err as Error).message);
      }
    }),
  );
  r.get(
    '/moments',
    handle(() => ({
      moments: state.momentList.map((m) => ({
        momentId: m.moment_id,
        createType: m.create_type,
        creator: m.creator,
        text: m.text?.content ?? null,
        attachments: m.attachments,
        tagList: m.tagList,
        tasks: Object.fromEntries(m.tasks),
      })),
      jobs: state.momentJobs.size,
    })),
  );

  // ---- chat archive ---------------------------------------------------------------------
  r.get(
    '/archive/messages',
    handle((req) => {
      const seq = Math.max(0, Number(req.query.seq ?? 0) || 0);
      const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 100) || 100));
      // seq is exclusive; archive seqs are 1..n in order, so the index is seq itself.
      const items = state.archive.slice(seq, seq + limit);
      return {
        chatdata: items.map(({ seq: s, ...message }) => ({
          seq: s,
          msgid: message.msgid,
          message,
        })),
      };
    }),
  );
  r.post(
    '/archive/messages',
    handle((req) => archiveSend(state, body(req))),
  );

  // ---- sandbox control ------------------------------------------------------------------
  r.get(
    '/state/summary',
    handle(() => state.summary()),
  );
  r.get(
    '/callbacks',
    handle((req) => {
      const limit = Math.min(1000, Number(req.query.limit ?? 50) || 50);
      return { deliveries: state.callbackDeliveries.slice(-limit) };
    }),
  );
  r.get(
    '/welcome-messages',
    handle((req) => {
      const limit = Math.min(1000, Number(req.query.limit ?? 50) || 50);
      const userid = typeof req.query.userid === 'string' ? req.query.userid : undefined;
      const externalUserId =
        typeof req.query.externalUserId === 'string' ? req.query.externalUserId : undefined;
      const messages = state.welcomeMessages.filter(
        (m) =>
          (!userid || m.userid === userid) &&
          (!externalUserId || m.external_userid === externalUserId),
      );
      return { welcomeMessages: messages.slice(-limit) };
    }),
  );
  r.get(
    // the app messages members received (message/send), newest last
    '/app-messages',
    handle((req) => {
      const userid = typeof req.query.userid === 'string' ? req.query.userid : undefined;
      const messages = state.appMessages.filter((m) => !userid || m.touser.includes(userid));
      return { appMessages: messages.slice(-1000) };
    }),
  );
  r.get(
    '/config',
    handle(() => ({ config: state.config })),
  );
  r.post(
    '/config',
    handle((req) => {
      const b = body(req);
      checkAppSettings(b);
      const patch: Partial<SandboxConfig> = {};
      for (const k of CONFIG_KEYS) if (k in b) (patch as Body)[k] = b[k];
      state.applyConfig(patch);
      return { config: state.config };
    }),
  );
  r.post(
    '/tokens/expire',
    handle(() => (state.tokens.expireAll(), {})),
  );
  r.post(
    '/reset',
    handle(() => (reset(), state.summary())),
  );
  const verifyNow = (url: string | null, secrets: { token: string; encodingAESKey: string }) =>
    verifyCallbackUrl(
      {
        corpId: state.corp.corpId,
        agentId: state.corp.agent.agentId,
        token: secrets.token,
        encodingAESKey: secrets.encodingAESKey,
      },
      url,
      state.config.callbackTimeoutMs,
    );
  r.post(
    '/callback/verify',
    handle(async () => ({
      verify: await verifyNow(state.callbacks.url, state.callbacks.callbackSecrets),
    })),
  );
  /**
   * The admin saves 应用管理 → 自建应用 → 接收消息 → 设置API接收 with a URL, Token and
   * EncodingAESKey. As in WeCom, saving sends the GET verification first and keeps the settings
   * only when the URL answered the decrypted echostr; with `callbackVerification: 'never'` no
   * GET is sent and nothing is saved (a URL WeCom cannot reach).
   */
  r.post(
    '/callback/settings',
    handle(async (req) => {
      const b = body(req);
      const url = String(b.url ?? '');
      const token = String(b.token ?? '');
      const encodingAESKey = String(b.encodingAESKey ?? '');
      if (!/^https?:\/\/\S+$/.test(url)) throw new ActionError(400, 'url must be an http(s) URL');
      if (!/^[A-Za-z0-9]{1,32}$/.test(token))
        throw new ActionError(400, 'token must be 1-32 letters or digits');
      if (!/^[A-Za-z0-9]{43}$/.test(encodingAESKey))
        throw new ActionError(400, 'encodingAESKey must be 43 letters or digits');
      if (state.config.callbackVerification === 'never')
        return { saved: false, verify: null, error: 'verification request not sent' };
      const verify = await verifyNow(url, { token, encodingAESKey });
      if (!verify.ok) return { saved: false, verify, error: 'openapi回调地址请求不通过' };
      state.applyConfig({ callbackUrl: url });
      state.callbacks.setCallbackSecrets({ token, encodingAESKey });
      return { saved: true, verify };
    }),
  );
  /** The admin resets a secret in WeCom's console: the old one answers 40001 from now on. */
  r.post(
    '/secrets/:kind/reset',
    handle((req) => {
      const kind = p(req, 'kind') as (typeof SECRET_KINDS)[number];
      if (!SECRET_KINDS.includes(kind))
        throw new ActionError(400, `kind must be one of ${SECRET_KINDS.join(', ')}`);
      const secret = randomId(43, SECRET_ALPHABET);
      if (kind === 'agent') state.corp.agent.secret = secret;
      else if (kind === 'contact') state.corp.contactSecret = secret;
      else state.corp.addressBookSecret = secret;
      state.tokens.clear();
      return { kind, secret };
    }),
  );

  // ---- data for the page, QR images -----------------------------------------------------
  r.get(
    '/data/overview',
    handle(() => ({
      users: state.userList.map((u) => ({
        userid: u.userid,
        name: u.name,
        position: u.position,
        customerContact: u.customerContact,
        active: state.isActive(u),
        customers: state.followsOfUser(u.userid).length,
      })),
      contactWays: [...state.contactWays.values()].slice(-50).map((w) => ({
        configId: w.config_id,
        type: w.type,
        remark: w.remark ?? '',
        state: w.state ?? '',
        users: contactWayUsers(state, w),
        qrCode: w.qr_code,
      })),
      groups: state.groupChatList
        .filter((g) => !g.dismissed)
        .map((g) => ({
          chatId: g.chat_id,
          name: g.name,
          owner: g.owner,
          members: g.members.size,
          status: chatStatus(state, g),
        })),
      tagGroups: [...state.tagGroups.values()].map((g) => ({
        groupId: g.group_id,
        name: g.group_name,
        order: g.order,
        byApp: !!g.by_app,
        tags: g.tagIds.map((t) => {
          const tag = state.tags.get(t);
          return { id: t, name: tag?.name, order: tag?.order, byApp: !!tag?.by_app };
        }),
      })),
      pendingTransfers: state.transfers.filter((t) => t.status === 2).slice(-50),
      groupMsgs: state.groupMsgList.slice(-20).map((m) => ({
        msgid: m.msgid,
        chatType: m.chat_type,
        tasks: [...m.tasks.values()],
        canceled: m.canceled,
      })),
      recentCustomers: [...state.customers.values()].slice(-10),
    })),
  );
  r.get('/qr/:file', (req, res) => {
    const configId = p(req, 'file').replace(/\.png$/, '');
    if (!state.contactWays.has(configId)) {
      res.status(404).json({ ok: false, error: 'contact way not found' });
      return;
    }
    res.type('image/png').send(qrLikePng(configId));
  });
  r.get('/media/img/:id', (req, res) => {
    if (!state.media.has(`img_${p(req, 'id')}`)) {
      res.status(404).json({ ok: false, error: 'image not found' });
      return;
    }
    res.type('image/png').send(qrLikePng(p(req, 'id')));
  });

  r.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    void next;
    const e = err as { status?: number; type?: string; message?: string };
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json({ ok: false, error: 'invalid JSON body' });
      return;
    }
    console.error('[wecom-sandbox] control error', err);
    res.status(500).json({ ok: false, error: e?.message ?? 'internal error' });
  });
  return r;
}
