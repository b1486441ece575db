import type { operations } from './schema';
import { requestClient } from './request';
import { compactParams } from './request';

export namespace CustomersApi {
  export type FollowStatus = NonNullable<ListParams['status']>;

  export interface FollowSummary {
    userId: string;
    staffName: string | null;
    remark: string;
    status: FollowStatus;
    /** Contact way state (channel) the customer came through. */
    state: string | null;
    /** The channel that brought the relation, named by the server (viewers cannot list channels). */
    channelId?: string | null;
    channelName?: string | null;
    addedAt: string | null;
  }

  export interface CustomerSummary {
    id: string;
    externalUserId: string;
    name: string;
    avatar: string;
    type: number;
    gender: number;
    corpName: string | null;
    firstAddedAt: string | null;
    /** The list's added time (its default sort key). */
    addedAt?: string | null;
    follows: FollowSummary[];
  }

  /**
   * The server's ListCustomersQueryDto (generated): filters, and `sort` / `order` (without them
   * the server's default: added time, newest first).
   */
  export type ListParams = operations['CustomersController_list']['parameters']['query'];

  export interface Page {
    items: CustomerSummary[];
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: string | null;
  }

  export interface TagMark {
    tagId: string;
    tagName: string | null;
    groupId?: string | null;
    groupName?: string | null;
    source?: string;
    markedAt?: string;
    /** Who marked it (an admin's username, a rule); absent on older servers. */
    actor?: string | null;
    /** The bulk job (批量打标签) that marked it. */
    bulkJobId?: string | null;
    /** A chat rule's sentence (admins only). */
    evidence?: { ruleName: string | null; text: string; msgtime: string | null } | null;
  }

  export interface FollowRelation extends FollowSummary {
    description?: string;
    remarkCorpName?: string;
    remarkMobiles?: string[];
    addWay?: number;
    deletedAt?: string | null;
    tags?: TagMark[];
  }

  export interface GroupMembership {
    chatId: string;
    name: string | null;
    ownerUserId?: string | null;
    dismissed?: boolean;
    joinTime?: string | null;
    joinScene?: number;
    leftAt?: string | null;
  }

  export interface TimelineEntry {
    id: string;
    kind: string;
    userId?: string | null;
    detail?: Record<string, unknown> | null;
    tags?: Array<{ tagId: string; name: string | null }>;
    occurredAt: string;
  }

  /** Every part may be missing on older servers; the view shows what is there. */
  export interface Detail {
    customer?: Partial<CustomerSummary> & {
      unionId?: string | null;
      corpFullName?: string | null;
      position?: string | null;
    };
    follows?: FollowRelation[];
    tags?: TagMark[];
    groups?: GroupMembership[];
    timeline?: TimelineEntry[];
  }
}

export const FOLLOW_STATUSES: readonly CustomersApi.FollowStatus[] = [
  'active',
  'deleted_by_staff',
  'deleted_by_customer',
  'transferred_out',
];

/** `GET /api/admin/customers`: one page, cursor paged. */
export async function listCustomersApi(
  params: CustomersApi.ListParams,
): Promise<CustomersApi.Page> {
  const { data } = await requestClient.get<CustomersApi.Page>('/admin/customers', {
    params: compactParams(params),
  });
  return data;
}

/** `GET /api/admin/customers/:corpId/:externalUserId`. */
export async function getCustomerDetailApi(
  corpId: string,
  externalUserId: string,
): Promise<CustomersApi.Detail> {
  const { data } = await requestClient.get<CustomersApi.Detail>(
    `/admin/customers/${encodeURIComponent(corpId)}/${encodeURIComponent(externalUserId)}`,
  );
  return data;
}

/** `POST /api/admin/customers/query`: a page of the customers an audience filter selects. */
export async function queryCustomersApi(body: {
  corpId: string;
  filter: import('./segments').AudienceApi.Filter;
  sort?: 'addedAt' | 'name';
  order?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
}): Promise<CustomersApi.Page> {
  const { data } = await requestClient.post<CustomersApi.Page>('/admin/customers/query', body);
  return data;
}
