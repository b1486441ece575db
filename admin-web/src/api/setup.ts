import { earlyOr } from './early';
import { requestClient } from './request';
import type { AuthApi } from './auth';

/** The first-run wizard's server API (`server/src/setup`, README "First run"). */
export namespace SetupApi {
  export interface Status {
    hasAdmin: boolean;
    hasCorp: boolean;
    needsSetup: boolean;
  }

  export interface FirstAdmin {
    username: string;
    displayName?: string;
    password: string;
  }

  export interface CorpDraft {
    corpId: string;
    name: string;
    agentId: number;
    agentSecret: string;
    contactSecret?: string;
    addressBookSecret?: string;
  }

  export interface Corp {
    corpId: string;
    name: string;
    agentId: number;
    /** IANA time zone every page shows the corp's times in. */
    timeZone: string;
    credentials: {
      agentSecret: boolean;
      contactSecret: boolean;
      addressBookSecret: boolean;
      callbackToken: boolean;
      encodingAESKey: boolean;
    };
    callbackPath: string;
    callbackVerifiedAt: string | null;
    createdAt: string;
    updatedAt: string;
  }

  /** What is pasted into WeCom's 接收消息 → 设置API接收. */
  export interface Callback {
    url: string;
    token: string;
    encodingAESKey: string;
    verifiedAt: string | null;
  }

  export type CheckKey =
    | 'corpId'
    | 'agentSecret'
    | 'contactSecret'
    | 'addressBookSecret'
    | 'trustedIp'
    | 'customerContact'
    | 'callback';

  export interface Check {
    key: CheckKey;
    status: 'ok' | 'failed' | 'pending' | 'skipped';
    errcode: number | null;
    zh: string;
    en: string;
    fixAt: string | null;
  }

  export interface CheckReport {
    corpId: string;
    ok: boolean;
    checks: Check[];
    egressIp: string | null;
    followUsers: number | null;
    callbackVerifiedAt: string | null;
    checkedAt: string;
  }

  export interface Phase {
    phase: 'departments' | 'staff' | 'tags' | 'customers' | 'groups' | 'reconcile';
    state: 'done' | 'running' | 'failed' | 'pending';
    done: number;
    total: number;
  }

  export interface SyncRun {
    id: string;
    corpId: string;
    status: 'running' | 'done' | 'failed';
    phase: string;
    done: number;
    total: number;
    error: string | null;
    phases: Phase[];
    errorSentence: { zh: string; en: string; fixAt: string | null } | null;
    startedAt: string;
    finishedAt: string | null;
  }
}

export async function getSetupStatusApi(): Promise<SetupApi.Status> {
  // the page load's first ask may have been sent by index.html's inline script (./early.ts)
  return earlyOr('/setup/status', null, async () => {
    const { data } = await requestClient.get<SetupApi.Status>('/setup/status', { silent: true });
    return data;
  });
}

/** Creates the first admin and signs them in (409 once an admin exists). */
export async function createFirstAdminApi(body: SetupApi.FirstAdmin): Promise<AuthApi.LoginResult> {
  const { data } = await requestClient.post<AuthApi.LoginResult>('/setup/admin', body, {
    silent: true,
  });
  return data;
}

/** Registers the corp; the server generates the callback Token and EncodingAESKey. */
export async function registerCorpApi(
  body: SetupApi.CorpDraft,
): Promise<{ corp: SetupApi.Corp; callback: SetupApi.Callback }> {
  const { data } = await requestClient.post<{ corp: SetupApi.Corp; callback: SetupApi.Callback }>(
    '/setup/corps',
    body,
    { silent: true },
  );
  return data;
}

export async function getCorpApi(corpId: string): Promise<SetupApi.Corp> {
  const { data } = await requestClient.get<SetupApi.Corp>(
    `/admin/corps/${encodeURIComponent(corpId)}`,
  );
  return data;
}

/** Replaces credentials (write only: what is not sent is kept). */
export async function updateCorpApi(
  corpId: string,
  body: Partial<Omit<SetupApi.CorpDraft, 'corpId'>>,
): Promise<SetupApi.Corp> {
  const { data } = await requestClient.patch<SetupApi.Corp>(
    `/admin/corps/${encodeURIComponent(corpId)}`,
    body,
    { silent: true },
  );
  return data;
}

export async function getCallbackApi(corpId: string): Promise<SetupApi.Callback> {
  const { data } = await requestClient.get<SetupApi.Callback>(
    `/setup/corps/${encodeURIComponent(corpId)}/callback`,
  );
  return data;
}

export async function regenerateCallbackApi(corpId: string): Promise<SetupApi.Callback> {
  const { data } = await requestClient.post<SetupApi.Callback>(
    `/setup/corps/${encodeURIComponent(corpId)}/callback/regenerate`,
  );
  return data;
}

export async function checkCorpApi(corpId: string): Promise<SetupApi.CheckReport> {
  const { data } = await requestClient.post<SetupApi.CheckReport>(
    `/setup/corps/${encodeURIComponent(corpId)}/check`,
  );
  return data;
}

export async function startSyncApi(corpId: string): Promise<{ jobId: string; queued: boolean }> {
  const { data } = await requestClient.post<{ jobId: string; queued: boolean }>(
    `/admin/sync/${encodeURIComponent(corpId)}`,
  );
  return data;
}

/** The corp's sync runs, newest first. */
export async function listSyncRunsApi(corpId: string): Promise<SetupApi.SyncRun[]> {
  const { data } = await requestClient.get<SetupApi.SyncRun[]>(
    `/admin/sync/${encodeURIComponent(corpId)}`,
    { silent: true },
  );
  return data;
}
