import { requestClient } from './request';

export namespace CorpsApi {
  export interface Corp {
    corpId: string;
    name: string;
    [key: string]: unknown;
  }
}

/** `GET /api/admin/corps`: the WeCom corps this console manages. */
export async function listCorpsApi(): Promise<CorpsApi.Corp[]> {
  const { data } = await requestClient.get<CorpsApi.Corp[]>('/admin/corps');
  return data;
}
