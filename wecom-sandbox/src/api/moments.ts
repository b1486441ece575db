import { fail } from '../errors';
import { mediaValid } from './media';
import type { Moment, MomentInteraction } from '../model';
import type { SandboxState } from '../state';
import { upperBoundBySeq } from '../state';
import type { ApiDef, Json } from './types';
import {
  charLength,
  cursorSeq,
  encodeCursor,
  limitParam,
  ok,
  optInt,
  optString,
  optStringArray,
  reqString,
} from './util';

const DAY = 86400;

function momentAttachments(state: SandboxState, v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(40058, 'attachments expect array');
  if (v.length > 9) fail(40058, 'attachments exceed max size 9');
  const kinds = new Set<string>();
  for (const a of v as Json[]) {
    const type = optString(a?.msgtype);
    if (!type || !['image', 'video', 'link'].includes(type) || typeof a[type] !== 'object')
      fail(41065, `invalid attachment msgtype ${type}`);
    kinds.add(type);
  }
  // 图片最多9个；视频、链接只能1个，且不能与其他类型混发 (DW 95094).
  if (kinds.size > 1) fail(40058, 'attachments must be of one type');
  if ((kinds.has('video') || kinds.has('link')) && v.length > 1)
    fail(40058, 'only one video or link allowed');
  // moments take media ids of media/upload_attachment only (a link's cover too), valid 3 days
  for (const a of v as Json[]) {
    const mediaId = (a[a.msgtype as string] as Json).media_id;
    if (!mediaValid(state, mediaId, true)) fail(40007, `invalid media_id ${String(mediaId)}`);
  }
  return v;
}

export function requireMoment(state: SandboxState, v: unknown): Moment {
  const id = reqString(v, 'moment_id', 41059);
  const m = state.moments.get(id);
  if (!m) fail(41060, `invalid moment_id ${id}`);
  return m;
}

function renderMoment(m: Moment): Json {
  const out: Json = {
    moment_id: m.moment_id,
    creator: m.creator,
    create_time: String(m.create_time),
    create_type: m.create_type,
    visible_type: m.visible_type,
  };
  if (m.text) out.text = m.text;
  const images = (m.attachments as Json[])
    .filter((a) => a.msgtype === 'image')
    .map((a) => a.image as Json);
  if (images.length) out.image = images.map((i) => ({ media_id: i.media_id }));
  const video = (m.attachments as Json[]).find((a) => a.msgtype === 'video');
  if (video) out.video = video.video;
  const link = (m.attachments as Json[]).find((a) => a.msgtype === 'link');
  if (link) out.link = { title: (link.link as Json).title, url: (link.link as Json).url };
  return out;
}

export const momentApis: ApiDef[] = [
  {
    // 创建发表任务 (DW 95094): async, returns jobid.
    method: 'POST',
    path: 'externalcontact/add_moment_task',
    handler: ({ state, body }) => {
      const text = body.text as Json | undefined;
      const content = text ? optString(text.content) : undefined;
      if (
        content !== undefined &&
        (charLength(content) > 2000 || Buffer.byteLength(content) > 4000)
      )
        fail(40058, 'text.content exceed max length 2000');
      const attachments = momentAttachments(state, body.attachments);
      if (!content && attachments.length === 0) fail(44004, 'text and attachments are empty');
      const range = (body.visible_range ?? {}) as Json;
      const senderList = (range.sender_list ?? {}) as Json;
      const userList = optStringArray(senderList.user_list, 'sender_list.user_list') ?? [];
      if (userList.length > 100000) fail(40058, 'sender_list.user_list exceed max size 100000');
      const deptList = ((senderList.department_list as unknown[]) ?? []).map((d) => Number(d));
      const tagList =
        optStringArray((range.external_contact_list as Json | undefined)?.tag_list, 'tag_list') ??
        [];
      const invalidUsers = userList.filter((u) => {
        const user = state.users.get(u);
        return !state.isActive(user) || !user.customerContact;
      });
      const invalidDepts = deptList.filter((d) => !state.departments.has(d));
      const invalidTags = tagList.filter((t) => !state.tags.has(t));
      const senders = new Set(userList.filter((u) => !invalidUsers.includes(u)));
      const validDepts = new Set<number>();
      for (const d of deptList)
        if (state.departments.has(d))
          for (const x of state.departmentSubtree(d)) validDepts.add(x.id);
      for (const u of state.userList) {
        if (!state.isActive(u) || !u.customerContact) continue;
        if (userList.length === 0 && deptList.length === 0) senders.add(u.userid);
        else if (u.department.some((d) => validDepts.has(d))) senders.add(u.userid);
      }
      const jobid = state.ids.jobId();
      const result: Json = { errcode: 0, errmsg: 'ok' };
      if (senders.size === 0) {
        result.errcode = 40058;
        result.errmsg = 'no valid sender';
      } else {
        const moment: Moment = {
          moment_id: state.ids.momentId(),
          creator: '',
          create_time: state.now(),
          create_type: 0,
          visible_type: tagList.length ? 0 : 1,
          text: content !== undefined ? { content } : undefined,
          attachments,
          tasks: new Map([...senders].map((u) => [u, 0])),
          tagList: tagList.filter((t) => state.tags.has(t)),
          published: new Map(),
          comments: new Map(),
          likes: new Map(),
          seq: state.nextSeq(),
        };
        state.moments.set(moment.moment_id, moment);
        state.momentList.push(moment);
        result.moment_id = moment.moment_id;
      }
      result.invalid_sender_list = { user_list: invalidUsers, department_list: invalidDepts };
      result.invalid_external_contact_list = { tag_list: invalidTags };
      state.momentJobs.set(jobid, { jobid, createdMs: state.clock.nowMs(), result });
      return ok({ jobid });
    },
  },
  {
    // 获取任务创建结果: status 1 开始创建, 2 正在创建, 3 创建完成.
    method: 'GET',
    path: 'externalcontact/get_moment_task_result',
    handler: ({ state, query }) => {
      const jobid = reqString(query.jobid, 'jobid');
      const job = state.momentJobs.get(jobid);
      if (!job) fail(40088, `invalid jobid ${jobid}`);
      const elapsed = state.clock.nowMs() - job.createdMs;
      const total = state.config.momentJobSeconds * 1000;
      if (elapsed < total)
        return ok({ status: elapsed < total / 2 ? 1 : 2, type: 'add_moment_task' });
      return ok({ status: 3, type: 'add_moment_task', result: job.result });
    },
  },
  {
    // 获取企业全部的发表列表 (DW 93333): range ≤1 month, limit ≤20.
    method: 'POST',
    path: 'externalcontact/get_moment_list',
    handler: ({ state, body }) => {
      const start = optInt(body.start_time, 'start_time');
      const end = optInt(body.end_time, 'end_time');
      if (start === undefined || end === undefined)
        fail(40058, 'start_time and end_time are required');
      if (start > end) fail(40058, 'start_time greater than end_time');
      if (end - start > 31 * DAY) fail(40058, 'time range exceed 1 month');
      const creator = optString(body.creator);
      const filterType = optInt(body.filter_type, 'filter_type') ?? 2;
      const limit = limitParam(body.limit, 20, 20);
      const list = state.momentList;
      const out: Json[] = [];
      let next = '';
      for (let i = upperBoundBySeq(list, cursorSeq(optString(body.cursor))); i < list.length; i++) {
        const m = list[i];
        if (m.create_time < start || m.create_time > end) continue;
        if (creator && m.creator !== creator) continue;
        if (filterType !== 2 && m.create_type !== filterType) continue;
        if (out.length === limit) {
          next = encodeCursor([list[i - 1].seq]);
          break;
        }
        out.push(renderMoment(m));
      }
      return ok({ next_cursor: next, moment_list: out });
    },
  },
  {
    // 获取客户朋友圈企业发表的列表: publish_status 0 未发表, 1 已发表; limit ≤1000.
    method: 'POST',
    path: 'externalcontact/get_moment_task',
    handler: ({ state, body }) => {
      const m = requireMoment(state, body.moment_id);
      const limit = limitParam(body.limit, 500, 1000);
      const tasks = [...m.tasks.entries()];
      const start = cursorSeq(optString(body.cursor));
      const page = tasks.slice(start, start + limit);
      return ok({
        next_cursor: start + limit < tasks.length ? encodeCursor([start + limit]) : '',
        task_list: page.map(([userid, status]) => ({ userid, publish_status: status })),
      });
    },
  },
  {
    // 获取客户朋友圈发表时选择的可见范围: customer_list[{userid, external_userid}], limit ≤1000.
    method: 'POST',
    path: 'externalcontact/get_moment_customer_list',
    handler: ({ state, body }) => {
      const m = requireMoment(state, body.moment_id);
      const userid = requireTaskUser(m, body.userid);
      const limit = limitParam(body.limit, 500, 1000);
      const ids = m.published.get(userid)?.visible ?? [];
      const { page, next } = pageOf(ids, optString(body.cursor), limit);
      return ok({
        next_cursor: next,
        customer_list: page.map((external_userid) => ({ userid, external_userid })),
      });
    },
  },
  {
    // 获取客户朋友圈发表后的可见客户列表: customer_list[{external_userid}], limit ≤5000.
    method: 'POST',
    path: 'externalcontact/get_moment_send_result',
    handler: ({ state, body }) => {
      const m = requireMoment(state, body.moment_id);
      const userid = requireTaskUser(m, body.userid);
      const limit = limitParam(body.limit, 3000, 5000);
      const ids = m.published.get(userid)?.sent ?? [];
      const { page, next } = pageOf(ids, optString(body.cursor), limit);
      return ok({
        next_cursor: next,
        customer_list: page.map((external_userid) => ({ external_userid })),
      });
    },
  },
  {
    // 获取客户朋友圈的互动数据: comment_list, like_list ([{external_userid | userid, create_time}]).
    method: 'POST',
    path: 'externalcontact/get_moment_comments',
    handler: ({ state, body }) => {
      const m = requireMoment(state, body.moment_id);
      const userid = requireTaskUser(m, body.userid);
      return ok({
        comment_list: m.comments.get(userid) ?? [],
        like_list: m.likes.get(userid) ?? [],
      });
    },
  },
];

/** The member of a moment's task (`userid`); 41061 when the member has no task in it. */
function requireTaskUser(m: Moment, v: unknown): string {
  const userid = reqString(v, 'userid');
  if (!m.tasks.has(userid) && m.creator !== userid) fail(41061, `userid ${userid} not in moment`);
  return userid;
}

function pageOf<T>(items: T[], cursor: string | undefined, limit: number) {
  const start = cursorSeq(cursor);
  return {
    page: items.slice(start, start + limit),
    next: start + limit < items.length ? encodeCursor([start + limit]) : '',
  };
}

/**
 * A member publishes a corp moment in the WeCom app (control route): it becomes visible to the
 * member's customers (those with one of the moment's tags, when it has tags), optionally narrowed
 * to `onlyTo`, and is sent to all of them but `notSentTo`.
 */
export function publishMoment(
  state: SandboxState,
  m: Moment,
  userid: string,
  opts: { onlyTo?: string[]; notSentTo?: string[] } = {},
): { visible: number; sent: number } {
  if (!m.tasks.has(userid)) throw new Error(`${userid} has no task in this moment`);
  let visible = state
    .followsOfUser(userid)
    .filter((f) => m.tagList.length === 0 || f.tagIds.some((t) => m.tagList.includes(t)))
    .map((f) => f.external_userid);
  if (opts.onlyTo) visible = visible.filter((e) => opts.onlyTo!.includes(e));
  const sent = visible.filter((e) => !(opts.notSentTo ?? []).includes(e));
  m.tasks.set(userid, 1);
  m.published.set(userid, { visible, sent });
  return { visible: visible.length, sent: sent.length };
}

/** A customer (or a member) comments on or likes a member's copy of a moment (control route). */
export function interactWithMoment(
  state: SandboxState,
  m: Moment,
  userid: string,
  kind: 'comment' | 'like',
  by: { external_userid?: string; userid?: string },
): MomentInteraction {
  if (m.tasks.get(userid) !== 1 && m.creator !== userid)
    throw new Error(`${userid} has not published this moment`);
  if (!by.external_userid && !by.userid) throw new Error('external_userid or from_userid needed');
  const list = kind === 'comment' ? m.comments : m.likes;
  const entries = list.get(userid) ?? [];
  if (
    kind === 'like' &&
    entries.some((e) => e.external_userid === by.external_userid && e.userid === by.userid)
  )
    return entries.find((e) => e.external_userid === by.external_userid && e.userid === by.userid)!;
  const entry: MomentInteraction = {
    ...(by.external_userid ? { external_userid: by.external_userid } : { userid: by.userid }),
    create_time: state.now(),
  };
  entries.push(entry);
  list.set(userid, entries);
  return entry;
}

/** A member posts a moment of their own in the WeCom app (个人发表, create_type 1). */
export function postPersonalMoment(state: SandboxState, userid: string, text: string): Moment {
  if (!state.users.has(userid)) throw new Error(`user ${userid} not found`);
  const moment: Moment = {
    moment_id: state.ids.momentId(),
    creator: userid,
    create_time: state.now(),
    create_type: 1,
    visible_type: 1,
    text: { content: text },
    attachments: [],
    tasks: new Map(),
    tagList: [],
    published: new Map(),
    comments: new Map(),
    likes: new Map(),
    seq: state.nextSeq(),
  };
  state.moments.set(moment.moment_id, moment);
  state.momentList.push(moment);
  return moment;
}
