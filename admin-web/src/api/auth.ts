import type { AxiosRequestConfig } from 'axios';
import { requestClient } from './request';

export type Role = 'admin' | 'manager' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'manager', 'viewer'];

export namespace AuthApi {
  export interface LoginParams {
    username: string;
    password: string;
  }

  export interface User {
    id: string;
    username: string;
    displayName: string;
    role: Role;
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
