import type { ChatMessage } from '#/wecom/sdk';
import { requestClient } from './request';

export namespace QuickReplyApi {
  export type Kind = 'text' | 'image' | 'link' | 'miniprogram';

  export interface Item {
    id: string;
    folderId: string;
    kind: Kind;
    title: string;
    content: string | null;
    assetId: string | null;
    url: string | null;
    description: string | null;
    coverUrl: string | null;
    appId: string | null;
    page: string | null;
    useCount: number;
  }

  export interface Folder {
    id: string;
    name: string;
    items: Item[];
  }

  export interface Use {
    /** Exactly what ww.sendChatMessage takes. */
    payload: ChatMessage;
    useCount: number;
  }
}

/** The folders the guide may see (items matching `q` when given: title or text, anywhere). */
export async function quickRepliesApi(q?: string): Promise<QuickReplyApi.Folder[]> {
  const { data } = await requestClient.get<{ folders: QuickReplyApi.Folder[] }>(
    '/sidebar/quick-replies',
    { params: q ? { q } : {}, silent: true },
  );
  return data.folders;
}

/** The sendChatMessage payload of an item (an image's media_id fresh); counts one use. */
export async function useQuickReplyApi(id: string): Promise<QuickReplyApi.Use> {
  const { data } = await requestClient.post<QuickReplyApi.Use>(
    `/sidebar/quick-replies/items/${encodeURIComponent(id)}/use`,
    undefined,
    { silent: true },
  );
  return data;
}
