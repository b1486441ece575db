import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import axios, { AxiosInstance, isAxiosError } from 'axios';
import { AllConfig } from '../../config/configuration';
import { WecomRateLimiter } from '../rate-limiter';

/** What one live check got back from WeCom: the data, WeCom's errcode, or no answer at all. */
export type ProbeOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; errcode: number; errmsg: string }
  | { ok: false; errcode: null; reason: string };

/**
 * Credentials checked live, as an admin types them in the first-run wizard: one attempt per
 * call, no token cache and no retry, so what WeCom says about *these* secrets right now is what
 * the admin sees (errcode and errmsg kept: 60020's errmsg carries the server's egress IP).
 * Secrets and tokens travel in the query string only and are never logged or returned.
 */
@Injectable()
export class CredentialCheckClient {
  private readonly http: AxiosInstance;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly limiter: WecomRateLimiter,
  ) {
    const wecom = config.get('wecom', { infer: true });
    this.http = axios.create({
      baseURL: wecom.baseUrl,
      timeout: wecom.httpTimeoutMs,
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { 'User-Agent': 'wecom-scrm' },
    });
  }

  /** gettoken with this secret: 40013 wrong CorpID, 40001 wrong secret. */
  gettoken(corpId: string, secret: string): Promise<ProbeOutcome<{ access_token: string }>> {
    return this.get(corpId, 'gettoken', { corpid: corpId, corpsecret: secret });
  }

  /**
   * externalcontact/get_follow_user_list with the app's own token: the members with 客户联系
   * permission inside the app's visible range (48002 when the app may not call 客户联系 APIs,
   * 60020 from an IP outside the app's 企业可信IP).
   */
  followUserList(
    corpId: string,
    accessToken: string,
  ): Promise<ProbeOutcome<{ follow_user?: string[] }>> {
    return this.get(corpId, 'externalcontact/get_follow_user_list', {
      access_token: accessToken,
    });
  }

  private async get<T>(
    corpId: string,
    path: string,
    params: Record<string, string>,
  ): Promise<ProbeOutcome<T>> {
    await this.limiter.acquire(corpId, path);
    try {
      const res = await this.http.get<unknown>(`/cgi-bin/${path}`, { params });
      const body = res.data as { errcode?: number; errmsg?: string } | null;
      if (res.status !== 200 || !body || typeof body !== 'object')
        return { ok: false, errcode: null, reason: `HTTP ${res.status} without WeCom JSON` };
      const errcode = Number(body.errcode ?? 0);
      if (errcode !== 0) return { ok: false, errcode, errmsg: String(body.errmsg ?? '') };
      return { ok: true, data: body as T };
    } catch (err) {
      // never keep the axios error: its config holds the URL with the secret or token
      const reason = isAxiosError(err)
        ? err.code === 'ECONNABORTED'
          ? 'timeout'
          : (err.code ?? 'network error')
        : 'network error';
      return { ok: false, errcode: null, reason };
    }
  }
}
