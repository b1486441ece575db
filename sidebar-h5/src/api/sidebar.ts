import { requestClient } from './request';

export namespace SidebarApi {
  export interface Staff {
    /** WeCom userid of the guide. */
    userId: string;
    name: string;
  }

  export interface Session {
    token: string;
    staff: Staff;
  }
}

/**
 * `POST /api/sidebar/session`: exchange the OAuth code for a session. The caller shows the
 * error (a used or expired code is a 401 here, not an ended session).
 */
export async function createSessionApi(code: string): Promise<SidebarApi.Session> {
  const { data } = await requestClient.post<SidebarApi.Session>(
    '/sidebar/session',
    { code },
    { silent: true, skipAuthRedirect: true },
  );
  return data;
}
