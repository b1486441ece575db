import type { Customer, Follow } from '../model';
import type { SandboxState } from '../state';
import type { Json } from './types';

/** external_contact object (DW 92114). */
export function renderExternalContact(c: Customer): Json {
  const out: Json = {
    external_userid: c.external_userid,
    name: c.name,
    type: c.type,
    avatar: c.avatar,
    gender: c.gender,
  };
  if (c.unionid) out.unionid = c.unionid;
  if (c.type === 2) {
    if (c.position) out.position = c.position;
    if (c.corp_name) out.corp_name = c.corp_name;
    if (c.corp_full_name) out.corp_full_name = c.corp_full_name;
  }
  return out;
}

function followBase(f: Follow): Json {
  const out: Json = {
    userid: f.userid,
    remark: f.remark,
    description: f.description,
    createtime: f.createtime,
  };
  return out;
}

function followTail(f: Follow, out: Json): Json {
  if (f.remark_corp_name) out.remark_corp_name = f.remark_corp_name;
  out.remark_mobiles = f.remark_mobiles;
  out.oper_userid = f.oper_userid;
  out.add_way = f.add_way;
  if (f.state) out.state = f.state;
  return out;
}

/** follow_user item of externalcontact/get: tags as objects. */
export function renderFollowUser(state: SandboxState, f: Follow): Json {
  const out = followBase(f);
  out.tags = state.tagObjects(f);
  return followTail(f, out);
}

/** follow_info of batch/get_by_user: tag ids only (DW 92994). */
export function renderFollowInfo(state: SandboxState, f: Follow): Json {
  const out = followBase(f);
  out.tag_id = f.tagIds.filter((t) => state.tags.has(t));
  return followTail(f, out);
}
