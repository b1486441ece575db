import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type { GetChatDataRequest, GetChatDataResponse } from './chat-archive.types';

/** The chat archive's pull (the sandbox's stand-in for GetChatData + DecryptData). */
@Injectable()
export class ChatArchiveClient {
  constructor(private readonly transport: WecomTransport) {}

  /** Records after `seq` (exclusive), at most `limit` (≤ 1,000), already decrypted. A read. */
  getChatData(corpId: string, req: GetChatDataRequest): Promise<GetChatDataResponse> {
    return this.transport.post(corpId, 'contact', 'msgaudit/sandbox_get_chat_data', req, true);
  }
}
