/**
 * Request and response shapes of the address book (通讯录) APIs: department/list, user/get, user/list_id.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';

export interface Department {
  id: number;
  name?: string;
  name_en?: string;
  department_leader?: string[];
  parentid: number;
  order?: number;
}

export interface DepartmentListResponse extends WecomBaseResponse {
  department: Department[];
}

export interface WecomUser {
  userid: string;
  name?: string;
  department?: number[];
  order?: number[];
  position?: string;
  mobile?: string;
  gender?: string;
  email?: string;
  biz_mail?: string;
  is_leader_in_dept?: number[];
  direct_leader?: string[];
  avatar?: string;
  thumb_avatar?: string;
  telephone?: string;
  alias?: string;
  address?: string;
  open_userid?: string;
  main_department?: number;
  /** 1 active, 2 disabled, 4 not activated, 5 quit. */
  status?: number;
  qr_code?: string;
  external_position?: string;
}

export type UserGetResponse = WecomBaseResponse & WecomUser;

export interface UserListIdRequest {
  cursor?: string;
  /** 1..10000, default 10000. */
  limit?: number;
}

export interface UserListIdResponse extends WecomBaseResponse {
  next_cursor: string;
  dept_user: Array<{ userid: string; department: number }>;
}
