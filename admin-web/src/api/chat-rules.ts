import type { components } from './schema';
import { requestClient } from './request';

/** Chat rules (会话关键词打标签) and the chat archive's settings and history (server DTOs). */
export namespace ChatRulesApi {
  export type Body = components['schemas']['ChatRuleBodyDto'];
  export type Rule = components['schemas']['ChatRuleDto'];
  export type TestResult = components['schemas']['TestResultDto'];
  export type DryRunResult = components['schemas']['DryRunResultDto'];
  export type DryRunMatch = components['schemas']['DryRunMatchDto'];
  export type BackApplyJob = components['schemas']['BackApplyJobDto'];
  export type CustomerMark = components['schemas']['CustomerRuleMarkDto'];
  export type ArchiveSettings = components['schemas']['ChatArchiveSettingsDto'];
  export type HistoryPage = components['schemas']['ChatHistoryPageDto'];
  export type Message = components['schemas']['ChatMessageDto'];
}

const path = (id: string) => `/admin/chat-rules/${encodeURIComponent(id)}`;

/** `GET /api/admin/chat-rules?corpId`: the rules with their hit counts. */
export async function listChatRulesApi(corpId: string): Promise<ChatRulesApi.Rule[]> {
  const { data } = await requestClient.get<ChatRulesApi.Rule[]>('/admin/chat-rules', {
    params: { corpId },
  });
  return data;
}

export async function getChatRuleApi(corpId: string, id: string): Promise<ChatRulesApi.Rule> {
  const { data } = await requestClient.get<ChatRulesApi.Rule>(path(id), { params: { corpId } });
  return data;
}

/** Create (no id) or replace; field errors come back on the ApiError (the form shows them). */
export async function saveChatRuleApi(
  corpId: string,
  body: ChatRulesApi.Body,
  id?: string,
): Promise<ChatRulesApi.Rule> {
  const { data } = id
    ? await requestClient.put<ChatRulesApi.Rule>(path(id), { corpId, ...body }, { silent: true })
    : await requestClient.post<ChatRulesApi.Rule>(
        '/admin/chat-rules',
        { corpId, ...body },
        { silent: true },
      );
  return data;
}

export async function setChatRuleEnabledApi(
  corpId: string,
  id: string,
  enabled: boolean,
): Promise<ChatRulesApi.Rule> {
  const { data } = await requestClient.put<ChatRulesApi.Rule>(`${path(id)}/enabled`, {
    corpId,
    enabled,
  });
  return data;
}

export async function deleteChatRuleApi(corpId: string, id: string): Promise<void> {
  await requestClient.delete(path(id), { params: { corpId } });
}

/** The editor's live test box: nothing is stored. */
export async function testChatRuleApi(
  rule: ChatRulesApi.Body,
  text: string,
): Promise<ChatRulesApi.TestResult> {
  const { data } = await requestClient.post<ChatRulesApi.TestResult>(
    '/admin/chat-rules/test',
    { rule, text },
    { silent: true },
  );
  return data;
}

/** The last `limit` messages a rule (saved: ruleId, or the editor's draft: rule) would match. */
export async function dryRunChatRuleApi(
  corpId: string,
  q: { ruleId?: string; rule?: ChatRulesApi.Body; limit?: number },
): Promise<ChatRulesApi.DryRunResult> {
  const { data } = await requestClient.post<ChatRulesApi.DryRunResult>(
    '/admin/chat-rules/dry-run',
    { corpId, ...q },
  );
  return data;
}

export async function startBackApplyApi(
  corpId: string,
  id: string,
): Promise<ChatRulesApi.BackApplyJob> {
  const { data } = await requestClient.post<ChatRulesApi.BackApplyJob>(`${path(id)}/back-apply`, {
    corpId,
  });
  return data;
}

export async function backApplyStatusApi(
  corpId: string,
  id: string,
  jobId: string,
): Promise<ChatRulesApi.BackApplyJob> {
  const { data } = await requestClient.get<ChatRulesApi.BackApplyJob>(
    `${path(id)}/back-apply/${encodeURIComponent(jobId)}`,
    { params: { corpId }, silent: true },
  );
  return data;
}

/** A customer's chat-rule tags with the sentences that produced them (admins). */
export async function customerRuleMarksApi(
  corpId: string,
  externalUserId: string,
): Promise<ChatRulesApi.CustomerMark[]> {
  const { data } = await requestClient.get<ChatRulesApi.CustomerMark[]>(
    '/admin/chat-rules/customer-marks',
    { params: { corpId, externalUserId }, silent: true },
  );
  return data;
}

/** A customer's chat history, newest first (admins). */
export async function customerChatHistoryApi(
  corpId: string,
  externalUserId: string,
  q: { cursor?: string; limit?: number } = {},
): Promise<ChatRulesApi.HistoryPage> {
  const { data } = await requestClient.get<ChatRulesApi.HistoryPage>(
    `/admin/chat-archive/customers/${encodeURIComponent(externalUserId)}/messages`,
    { params: { corpId, ...q }, silent: true },
  );
  return data;
}

export async function getChatArchiveSettingsApi(
  corpId: string,
): Promise<ChatRulesApi.ArchiveSettings> {
  const { data } = await requestClient.get<ChatRulesApi.ArchiveSettings>(
    '/admin/chat-archive/settings',
    { params: { corpId } },
  );
  return data;
}

export async function setChatRetentionApi(
  corpId: string,
  retentionDays: number,
): Promise<ChatRulesApi.ArchiveSettings> {
  const { data } = await requestClient.put<ChatRulesApi.ArchiveSettings>(
    '/admin/chat-archive/settings',
    { corpId, retentionDays },
  );
  return data;
}

/** A new sidecar ingest token (the old one stops working); shown once. */
export async function rotateIngestTokenApi(corpId: string): Promise<string> {
  const { data } = await requestClient.post<{ token: string }>('/admin/chat-archive/ingest-token', {
    corpId,
  });
  return data.token;
}
