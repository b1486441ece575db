import { requestClient } from './request';
import type { AuthApi, Role } from './auth';

/** Staff sign-in with WeCom's web login and their console roles (README "Staff sign-in"). */
export namespace StaffAccessApi {
  export interface LoginUrl {
    corpId: string;
    /** WeCom's login page (wwlogin/sso/login?…) to send the browser to. */
    url: string;
    params: Record<string, string>;
    expiresIn: number;
  }

  export interface StaffRole {
    corpId: string;
    userId: string;
    role: Role;
    grantedBy: string | null;
    updatedAt: string;
  }
}

export async function getWecomLoginUrlApi(redirectUri: string): Promise<StaffAccessApi.LoginUrl> {
  const { data } = await requestClient.get<StaffAccessApi.LoginUrl>('/auth/wecom/login-url', {
    params: { redirectUri },
    silent: true,
  });
  return data;
}

export async function wecomLoginApi(body: {
  corpId: string;
  code: string;
  state: string;
}): Promise<AuthApi.LoginResult> {
  const { data } = await requestClient.post<AuthApi.LoginResult>('/auth/wecom/login', body, {
    silent: true,
  });
  return data;
}

const rolesPath = (corpId: string) => `/admin/corps/${encodeURIComponent(corpId)}/staff-roles`;

export async function listStaffRolesApi(corpId: string): Promise<StaffAccessApi.StaffRole[]> {
  const { data } = await requestClient.get<StaffAccessApi.StaffRole[]>(rolesPath(corpId), {
    silent: true,
  });
  return data;
}

export async function grantStaffRoleApi(
  corpId: string,
  userId: string,
  role: Role,
): Promise<StaffAccessApi.StaffRole> {
  const { data } = await requestClient.put<StaffAccessApi.StaffRole>(
    `${rolesPath(corpId)}/${encodeURIComponent(userId)}`,
    { role },
  );
  return data;
}

export async function revokeStaffRoleApi(corpId: string, userId: string): Promise<void> {
  await requestClient.delete(`${rolesPath(corpId)}/${encodeURIComponent(userId)}`);
}
