import type { AxiosRequestConfig } from 'axios';
import { compactParams, requestClient } from './request';

export namespace StaffApi {
  export interface Staff {
    corpId: string;
    userId: string;
    name: string;
    departmentIds: number[];
    mainDepartment: number | null;
    position: string;
    avatar: string;
    /** WeCom's status: 1 active, 2 disabled, 4 not yet activated, 5 departed. */
    wecomStatus: number;
    /** Has WeCom's customer-contact permission (客户联系). */
    customerContact: boolean;
    departedAt: string | null;
    updatedAt: string;
    /** Customers followed, when the server counts them. */
    customerCount?: number;
  }

  export interface Department {
    id: number;
    name: string;
    parentId: number;
    sortOrder: number;
  }
}

/** `GET /api/admin/staff?corpId`: one page, by userid (cursor = the last userid). */
export async function listStaffPageApi(
  params: { corpId: string; departed?: boolean; cursor?: string; limit?: number },
  config: AxiosRequestConfig = {},
): Promise<StaffApi.Staff[]> {
  const { data } = await requestClient.get<StaffApi.Staff[]>('/admin/staff', {
    ...config,
    params: compactParams(params),
  });
  return data;
}

/** Every staff member of a corp (all pages of 1000). */
export async function listAllStaffApi(
  corpId: string,
  config: AxiosRequestConfig = {},
): Promise<StaffApi.Staff[]> {
  const all: StaffApi.Staff[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await listStaffPageApi({ corpId, cursor, limit: 1000 }, config);
    all.push(...page);
    if (page.length < 1000) return all;
    cursor = page[page.length - 1]?.userId;
  }
}

/** `GET /api/admin/departments?corpId`. */
export async function listDepartmentsApi(
  corpId: string,
  config: AxiosRequestConfig = {},
): Promise<StaffApi.Department[]> {
  const { data } = await requestClient.get<StaffApi.Department[]>('/admin/departments', {
    ...config,
    params: { corpId },
  });
  return data;
}

export interface DepartmentNode extends StaffApi.Department {
  children: DepartmentNode[];
}

/** The departments as a tree (roots: those whose parent is not in the list), by sortOrder. */
export function departmentTree(departments: readonly StaffApi.Department[]): DepartmentNode[] {
  const nodes = new Map<number, DepartmentNode>(
    departments.map((d) => [d.id, { ...d, children: [] }]),
  );
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = nodes.get(node.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => b.sortOrder - a.sortOrder || a.id - b.id);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** A department and all below it. */
export function departmentAndBelow(tree: DepartmentNode[], id: number): Set<number> {
  const out = new Set<number>();
  const visit = (nodes: DepartmentNode[], inside: boolean) => {
    for (const node of nodes) {
      const hit = inside || node.id === id;
      if (hit) out.add(node.id);
      visit(node.children, hit);
    }
  };
  visit(tree, false);
  return out;
}
