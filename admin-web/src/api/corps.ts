import { requestClient } from './request';

export namespace CorpsApi {
  export interface Corp {
    corpId: string;
    name: string;
    /** IANA time zone the corp's times are shown in (Asia/Shanghai when absent). */
    timeZone?: string | null;
    [key: string]: unknown;
  }
}

/** `GET /api/admin/corps`: the WeCom corps this console manages (in the caller's scope). */
export async function listCorpsApi(
  options: { skipAuthRedirect?: boolean } = {},
): Promise<CorpsApi.Corp[]> {
  const { data } = await requestClient.get<CorpsApi.Corp[]>('/admin/corps', {
    silent: true,
    ...options,
  });
  return data;
}
