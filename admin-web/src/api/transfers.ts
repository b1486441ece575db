import type { AxiosRequestConfig } from 'axios';
import { compactParams, requestClient } from './request';
import type { components } from './schema';

/** Inheritance (离职/在职继承): server/src/transfers, admins only. Types from the server's OpenAPI. */
export namespace TransfersApi {
  type Schemas = components['schemas'];
  export type Plan = Schemas['PlanTransferDto'];
  export type Retry = Schemas['RetryTransferDto'];
  export type Kind = Plan['kind'];
  export type Departure = Schemas['DepartureDto'];
  export type PlanItem = Schemas['PlanItemDto'];
  export type Preview = Schemas['PreviewResponseDto'];
  export type Summary = Schemas['TransferSummaryDto'];
  export type Item = Schemas['TransferItemDto'];
  export type Detail = Schemas['TransferDetailDto'];
  export type AuditEntry = Schemas['AuditEntryDto'];
  export type ItemType = Item['itemType'];
  export type ItemState = Item['state'];
  export type Status = Summary['status'];
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
