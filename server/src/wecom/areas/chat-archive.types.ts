/**
 * The chat archive (会话内容存档) as the sandbox serves it. WeCom itself has no HTTP API for it:
 * the C SDK's `GetChatData(seq, limit)` returns encrypted records and `DecryptData` opens each
 * (DW 91774). The sandbox's `msgaudit/sandbox_get_chat_data` answers with GetChatData's envelope
 * and each record already decrypted (`message`), so the demo runs without a sidecar.
 */
import type { WecomBaseResponse } from '../wecom.types';

export interface GetChatDataRequest {
  /** Exclusive: records after this seq. */
  seq: number;
  /** 1..1000. */
  limit: number;
  timeout?: number;
}

export interface ChatDataRecord {
  seq: number;
  msgid: string;
  publickey_ver?: number;
  /** The decrypted message (DecryptData's output). */
  message: Record<string, unknown>;
}

export interface GetChatDataResponse extends WecomBaseResponse {
  chatdata: ChatDataRecord[];
}
