import { requestClient } from './request';
import type { Role } from './auth';

/** Admin accounts (`/api/admin/users`, installation-wide admins only; README "Admin users"). */
export namespace AdminUsersApi {
  export interface CorpGrant {
    corpId: string;
    role: Role;
  }

  export interface User {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    /** true: `role` in every corp; false: only `corps`, each with its role. */
    installationWide?: boolean;
    corps?: CorpGrant[];
    disabled?: boolean;
    lastLoginAt?: string | null;
    createdAt?: string;
  }

  /** `role` alone: installation-wide; `corps`: scoped to those corps. */
  export interface Access {
    role?: Role;
    corps?: CorpGrant[];
  }

  export interface Create extends Access {
    username: string;
    displayName: string;
    password: string;
  }
}

const path = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

export async function listAdminUsersApi(): Promise<AdminUsersApi.User[]> {
  const { data } = await requestClient.get<AdminUsersApi.User[]>('/admin/users');
  return data;
}

export async function createAdminUserApi(body: AdminUsersApi.Create): Promise<AdminUsersApi.User> {
  const { data } = await requestClient.post<AdminUsersApi.User>('/admin/users', body, {
    silent: true,
  });
  return data;
}

export async function updateAdminUserApi(
  id: string,
  body: AdminUsersApi.Access & { displayName?: string },
): Promise<AdminUsersApi.User> {
  const { data } = await requestClient.patch<AdminUsersApi.User>(path(id), body);
  return data;
}

export async function setAdminUserDisabledApi(
  id: string,
  disabled: boolean,
): Promise<AdminUsersApi.User> {
  const { data } = await requestClient.post<AdminUsersApi.User>(
    `${path(id)}/${disabled ? 'disable' : 'enable'}`,
  );
  return data;
}

export async function resetAdminPasswordApi(
  id: string,
  password: string,
): Promise<AdminUsersApi.User> {
  const { data } = await requestClient.post<AdminUsersApi.User>(`${path(id)}/password`, {
    password,
  });
  return data;
}
