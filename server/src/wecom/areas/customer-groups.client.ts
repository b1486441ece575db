import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type {
  GroupChatGetResponse,
  GroupChatListRequest,
  GroupChatListResponse,
} from './customer-groups.types';

/** Customer groups (客户群): listing the corp's group chats and reading one with its members. */
@Injectable()
export class CustomerGroupsClient {
  constructor(private readonly transport: WecomTransport) {}

  listGroupChats(corpId: string, req: GroupChatListRequest): Promise<GroupChatListResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/groupchat/list', req, true);
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
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/groupchat/get',
      { chat_id: chatId, need_name: needName ? 1 : 0 },
      true,
    );
  }
}
