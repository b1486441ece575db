/**
 * Request and response shapes of the corp tag (企业标签) APIs: get/add/edit/del_corp_tag and mark_tag.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

export interface CorpTag {
  id: string;
  name: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
}

export interface CorpTagGroup {
  group_id: string;
  group_name: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
  tag: CorpTag[];
}

export interface GetCorpTagListRequest {
  tag_id?: string[];
  group_id?: string[];
}

export interface GetCorpTagListResponse extends WecomBaseResponse {
  tag_group: CorpTagGroup[];
}

export interface AddCorpTagRequest {
  group_id?: string;
  group_name?: string;
  order?: number;
  tag: Array<{ name: string; order?: number }>;
  agentid?: number;
}

export interface AddCorpTagResponse extends WecomBaseResponse {
  tag_group: CorpTagGroup;
}

export interface EditCorpTagRequest {
  /** A tag id or a tag group id. */
  id: string;
  name?: string;
  order?: number;
  agentid?: number;
}

export interface DelCorpTagRequest {
  tag_id?: string[];
  group_id?: string[];
  agentid?: number;
}

export interface MarkTagRequest {
  userid: string;
  external_userid: string;
  add_tag?: string[];
  remove_tag?: string[];
}
