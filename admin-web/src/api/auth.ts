import type { components } from './schema';
import type { AxiosRequestConfig } from 'axios';
import { requestClient } from './request';

export type Role = 'admin' | 'manager' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'manager', 'viewer'];

export namespace AuthApi {
  /** The server's LoginDto (generated). */
  export type LoginParams = components['schemas']['LoginDto'];

  /** A role in one corp (a corp-scoped account). */
  export interface CorpGrant {
    corpId: string;
    role: Role;
  }

  export interface User {
    id: string;
    username: string;
    displayName: string;
    /** The highest role the account has anywhere. */
    role: Role;
    /** A staff member signed in through WeCom's web login, or an admin account. */
    kind?: 'admin' | 'staff';
    /** The role in every corp for an installation-wide account; null when scoped. */
    installationRole?: Role | null;
    /** A scoped account's corps and its role in each. */
    corps?: CorpGrant[];
    /** Older servers: the one corp an account is scoped to (null: every corp). */
    corpId?: string | null;
  }

  export interface LoginResult {
    accessToken: string;
    /** Seconds until the token expires. */
    expiresIn: number;
    user: User;
  }
}

/** `POST /api/auth/login`. A 401 is a wrong password, so it does not end a session. */
export async function loginApi(params: AuthApi.LoginParams): Promise<AuthApi.LoginResult> {
  const { data } = await requestClient.post<AuthApi.LoginResult>('/auth/login', params, {
    silent: true,
    skipAuthRedirect: true,
  });
  return data;
}

/** `GET /api/auth/me`: the signed-in user. */
export async function getMeApi(config?: AxiosRequestConfig): Promise<AuthApi.User> {
  const { data } = await requestClient.get<AuthApi.User>('/auth/me', config);
  return data;
}
