import type { AxiosRequestConfig } from 'axios';
import { compactParams, requestClient } from './request';
import type { components } from './schema';

/** Inheritance (离职/在职继承): server/src/transfers, admins only. */
export namespace TransfersApi {
  export type Plan = components['schemas']['PlanTransferDto'];
  export type Retry = components['schemas']['RetryTransferDto'];
  export type Kind = Plan['kind'];
  export type ItemType = 'customer' | 'group';
  export type ItemState =
    | 'planned'
    | 'sent'
    | 'waiting'
    | 'accepted'
    | 'refused'
    | 'limit_reached'
    | 'failed'
    | 'blocked';
  export type Status = 'sending' | 'tracking' | 'finished';

  /** DepartureDto. */
  export interface Departure {
    userId: string;
    name: string;
    departedAt: string | null;
    via: string;
    customers: number;
    groups: number;
    inTransfer: number;
  }

  /** PlanItemDto. */
  export interface PlanItem {
    itemType: ItemType;
    targetId: string;
    name: string;
    takeoverUserId: string | null;
    takeoverName: string | null;
    state: 'planned' | 'blocked';
    reason: string | null;
    sentence: string | null;
  }

  /** PreviewResponseDto. */
  export interface Preview {
    kind: Kind;
    handoverUserId: string;
    handoverName: string;
    departedAt: string | null;
    customers: number;
    groups: number;
    blocked: number;
    batches: number;
    bySuccessor: Record<string, { customers: number; groups: number }>;
    items: PlanItem[];
  }

  /** TransferSummaryDto. */
  export interface Summary {
    id: string;
    corpId: string;
    kind: Kind;
    handoverUserId: string;
    handoverName: string;
    status: Status;
    message: string | null;
    createdBy: string;
    createdAt: string;
    finishedAt: string | null;
    nextPollAt: string | null;
    /** `customer.waiting`, `group.accepted`, …. */
    counts: Record<string, number>;
    total: number;
    done: number;
  }

  /** TransferItemDto. */
  export interface Item {
    id: string;
    itemType: ItemType;
    targetId: string;
    name: string;
    takeoverUserId: string | null;
    takeoverName: string | null;
    state: ItemState;
    errcode: number | null;
    reason: string | null;
    sentence: string | null;
    takeoverAt: string | null;
    attempt: number;
    updatedAt: string;
  }

  export interface Detail extends Summary {
    items: Item[];
  }

  /** AuditEntryDto. */
  export interface AuditEntry {
    id: string;
    transferId: string | null;
    actor: string;
    action: string;
    detail: Record<string, unknown> | null;
    createdAt: string;
  }
}

const base = '/admin/transfers';

export async function listDeparturesApi(corpId: string, config: AxiosRequestConfig = {}) {
  const { data } = await requestClient.get<TransfersApi.Departure[]>(`${base}/departures`, {
    ...config,
    params: { corpId },
  });
  return data;
}

/** Reads WeCom's unassigned list now. */
export async function refreshDeparturesApi(corpId: string) {
  const { data } = await requestClient.post<TransfersApi.Departure[]>(
    `${base}/departures/refresh`,
    undefined,
    { params: { corpId } },
  );
  return data;
}

export async function previewTransferApi(plan: TransfersApi.Plan, config: AxiosRequestConfig = {}) {
  const { data } = await requestClient.post<TransfersApi.Preview>(`${base}/preview`, plan, config);
  return data;
}

export async function startTransferApi(plan: TransfersApi.Plan, config: AxiosRequestConfig = {}) {
  const { data } = await requestClient.post<TransfersApi.Summary>(base, plan, config);
  return data;
}

export async function listTransfersApi(corpId: string, config: AxiosRequestConfig = {}) {
  const { data } = await requestClient.get<TransfersApi.Summary[]>(base, {
    ...config,
    params: { corpId },
  });
  return data;
}

export async function getTransferApi(
  corpId: string,
  id: string,
  filter: { state?: TransfersApi.ItemState; itemType?: TransfersApi.ItemType } = {},
  config: AxiosRequestConfig = {},
) {
  const { data } = await requestClient.get<TransfersApi.Detail>(`${base}/${id}`, {
    ...config,
    params: compactParams({ corpId, ...filter }),
  });
  return data;
}

export async function retryTransferApi(id: string, body: TransfersApi.Retry) {
  const { data } = await requestClient.post<TransfersApi.Detail>(`${base}/${id}/retry`, body);
  return data;
}

/** Reads the transfer's results from WeCom now. */
export async function pollTransferApi(corpId: string, id: string) {
  const { data } = await requestClient.post<TransfersApi.Summary>(`${base}/${id}/poll`, undefined, {
    params: { corpId },
  });
  return data;
}

export async function listTransferAuditApi(corpId: string, config: AxiosRequestConfig = {}) {
  const { data } = await requestClient.get<TransfersApi.AuditEntry[]>(`${base}/audit`, {
    ...config,
    params: { corpId },
  });
  return data;
}
