import type { AxiosRequestConfig } from 'axios';
import type { components } from './schema';
import { requestClient } from './request';

export namespace QuickRepliesApi {
  /** The server's QuickReplyFolderBodyDto / QuickReplyItemBodyDto (generated). */
  export type FolderInput = components['schemas']['QuickReplyFolderBodyDto'];
  export type ItemInput = components['schemas']['QuickReplyItemBodyDto'];
  export type Kind = ItemInput['kind'];

  /** The server's QuickReplyFolderDto / QuickReplyItemDto / QuickReplySettingDto (generated). */
  export type Folder = components['schemas']['QuickReplyFolderDto'];
  export type Item = components['schemas']['QuickReplyItemDto'];
  export type Settings = components['schemas']['QuickReplySettingDto'];
}

const BASE = '/admin/quick-replies';

export async function listFoldersApi(corpId: string): Promise<QuickRepliesApi.Folder[]> {
  const { data } = await requestClient.get<QuickRepliesApi.Folder[]>(`${BASE}/folders`, {
    params: { corpId },
  });
  return data;
}

export async function createFolderApi(
  body: QuickRepliesApi.FolderInput,
  config: AxiosRequestConfig = {},
): Promise<QuickRepliesApi.Folder> {
  const { data } = await requestClient.post<QuickRepliesApi.Folder>(
    `${BASE}/folders`,
    body,
    config,
  );
  return data;
}

export async function updateFolderApi(
  id: string,
  body: QuickRepliesApi.FolderInput,
  config: AxiosRequestConfig = {},
): Promise<QuickRepliesApi.Folder> {
  const { data } = await requestClient.put<QuickRepliesApi.Folder>(
    `${BASE}/folders/${id}`,
    body,
    config,
  );
  return data;
}

export async function deleteFolderApi(corpId: string, id: string): Promise<void> {
  await requestClient.delete(`${BASE}/folders/${id}`, { params: { corpId } });
}

export async function reorderFoldersApi(
  corpId: string,
  ids: string[],
): Promise<QuickRepliesApi.Folder[]> {
  const { data } = await requestClient.put<QuickRepliesApi.Folder[]>(`${BASE}/folders/order`, {
    corpId,
    ids,
  } satisfies components['schemas']['QuickReplyOrderDto']);
  return data;
}

export async function listItemsApi(
  corpId: string,
  folderId: string,
): Promise<QuickRepliesApi.Item[]> {
  const { data } = await requestClient.get<QuickRepliesApi.Item[]>(`${BASE}/items`, {
    params: { corpId, folderId },
  });
  return data;
}

export async function createItemApi(
  body: QuickRepliesApi.ItemInput,
  config: AxiosRequestConfig = {},
): Promise<QuickRepliesApi.Item> {
  const { data } = await requestClient.post<QuickRepliesApi.Item>(`${BASE}/items`, body, config);
  return data;
}

export async function updateItemApi(
  id: string,
  body: QuickRepliesApi.ItemInput,
  config: AxiosRequestConfig = {},
): Promise<QuickRepliesApi.Item> {
  const { data } = await requestClient.put<QuickRepliesApi.Item>(
    `${BASE}/items/${id}`,
    body,
    config,
  );
  return data;
}

export async function deleteItemApi(corpId: string, id: string): Promise<void> {
  await requestClient.delete(`${BASE}/items/${id}`, { params: { corpId } });
}

export async function reorderItemsApi(
  corpId: string,
  folderId: string,
  ids: string[],
): Promise<QuickRepliesApi.Item[]> {
  const { data } = await requestClient.put<QuickRepliesApi.Item[]>(
    `${BASE}/folders/${folderId}/items/order`,
    { corpId, ids } satisfies components['schemas']['QuickReplyOrderDto'],
  );
  return data;
}

export async function quickReplySettingsApi(corpId: string): Promise<QuickRepliesApi.Settings> {
  const { data } = await requestClient.get<QuickRepliesApi.Settings>(`${BASE}/settings`, {
    params: { corpId },
  });
  return data;
}

export async function updateQuickReplySettingsApi(
  corpId: string,
  miniprogramAppId: string | null,
  config: AxiosRequestConfig = {},
): Promise<QuickRepliesApi.Settings> {
  const { data } = await requestClient.put<QuickRepliesApi.Settings>(
    `${BASE}/settings`,
    { corpId, miniprogramAppId } satisfies components['schemas']['QuickReplySettingBodyDto'],
    config,
  );
  return data;
}
