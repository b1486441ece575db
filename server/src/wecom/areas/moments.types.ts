/**
 * Request and response shapes of the moments (客户朋友圈) APIs.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

export interface AddMomentTaskRequest {
  text?: { content: string };
  attachments?: Array<
    | { msgtype: 'image'; image: { media_id: string } }
    | { msgtype: 'video'; video: { media_id: string } }
    | { msgtype: 'link'; link: { title?: string; url: string; media_id: string } }
  >;
  visible_range?: {
    sender_list?: { user_list?: string[]; department_list?: number[] };
    external_contact_list?: { tag_list?: string[] };
  };
}

export interface AddMomentTaskResponse extends WecomBaseResponse {
  jobid: string;
}

export interface GetMomentTaskResultResponse extends WecomBaseResponse {
  /** 1 started, 2 running, 3 done. */
  status: number;
  type: string;
  result?: WecomBaseResponse & {
    moment_id?: string;
    invalid_sender_list?: { user_list?: string[]; department_list?: number[] };
    invalid_external_contact_list?: { tag_list?: string[] };
  };
}

export interface GetMomentListRequest {
  start_time: number;
  end_time: number;
  creator?: string;
  /** 0 corp, 1 personal, 2 both. */
  filter_type?: number;
  cursor?: string;
  limit?: number;
}

export interface MomentRecord {
  moment_id: string;
  creator?: string;
  create_time: number | string;
  create_type: number;
  visible_type: number;
  text?: { content: string };
  image?: Array<{ media_id: string }>;
  video?: { media_id: string; thumb_media_id?: string };
  link?: { title: string; url: string };
  location?: unknown;
}

export interface GetMomentTaskRequest {
  moment_id: string;
  cursor?: string;
  limit?: number;
}

export interface GetMomentTaskResponse extends WecomBaseResponse {
  next_cursor?: string;
  /** publish_status: 0 not published, 1 published. */
  task_list: Array<{ userid: string; publish_status: number }>;
}

export interface GetMomentListResponse extends WecomBaseResponse {
  next_cursor?: string;
  moment_list: MomentRecord[];
}

export interface GetMomentCustomerListRequest {
  moment_id: string;
  userid: string;
  cursor?: string;
  /** ≤1000 (get_moment_customer_list), ≤5000 (get_moment_send_result). */
  limit?: number;
}

/** get_moment_customer_list: the customers a member's moment was visible to (chosen at publish). */
export interface GetMomentCustomerListResponse extends WecomBaseResponse {
  next_cursor?: string;
  customer_list: Array<{ userid: string; external_userid: string }>;
}

/** get_moment_send_result: the customers a member's moment was actually sent to. */
export interface GetMomentSendResultResponse extends WecomBaseResponse {
  next_cursor?: string;
  customer_list: Array<{ external_userid: string }>;
}

export interface GetMomentCommentsRequest {
  moment_id: string;
  userid: string;
}

/** A comment or like: by a customer (external_userid) or by a member (userid). */
export interface MomentInteraction {
  external_userid?: string;
  userid?: string;
  create_time: number;
}

export interface GetMomentCommentsResponse extends WecomBaseResponse {
  comment_list: MomentInteraction[];
  like_list: MomentInteraction[];
}
