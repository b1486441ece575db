import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type { WecomBaseResponse } from '../wecom.types';
import type {
  Department,
  UserGetResponse,
  UserListIdRequest,
  UserListIdResponse,
} from './address-book.types';

/** The address book (通讯录): departments and members, with the address-book secret. */
@Injectable()
export class AddressBookClient {
  constructor(private readonly transport: WecomTransport) {}

  /** department/list: the department `id` and its subtree (the whole tree without `id`). */
  async listDepartments(corpId: string, id?: number): Promise<Department[]> {
    const res = await this.transport.get<{ department: Department[] } & WecomBaseResponse>(
      corpId,
      'addressBook',
      'department/list',
      { id },
    );
    return res.department ?? [];
  }

  /** user/get */
  getUser(corpId: string, userid: string): Promise<UserGetResponse> {
    return this.transport.get(corpId, 'addressBook', 'user/get', { userid });
  }

  /** user/list_id: one page of (userid, department) pairs. */
  listUserIds(corpId: string, req: UserListIdRequest = {}): Promise<UserListIdResponse> {
    return this.transport.post(corpId, 'addressBook', 'user/list_id', req, true);
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
}
