import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import axios, { AxiosInstance, isAxiosError } from 'axios';
import { LRUCache } from 'lru-cache';
import type { CorpCredentials } from '../../corps/corp.service';
import { AllConfig } from '../../config/configuration';
import { AccessTokenStore, FetchedCredential, TicketKind } from '../access-token.store';
import { WecomRateLimiter } from '../rate-limiter';
import { RecentReads, WecomRecentReads } from '../recent-reads';
import {
  RETRYABLE_ERRCODES,
  TOKEN_ERRCODES,
  WecomApiException,
  shortErrmsg,
} from '../wecom-api.exception';
import {
  WECOM_CREDENTIALS,
  WECOM_MODULE_OPTIONS,
  WecomCredentialsSource,
  WecomModuleOptions,
} from '../wecom.options';
import type {
  GetTokenResponse,
  SecretScope,
  TicketResponse,
  WecomBaseResponse,
} from '../wecom.types';

export type Query = Record<string, string | number | undefined>;

export interface CallSpec {
  method: 'GET' | 'POST';
  /** Path under /cgi-bin/, e.g. `externalcontact/get`. Also the rate-limit and log key. */
  path: string;
  scope: SecretScope;
  query?: Query;
  body?: unknown;
  /** Safe to repeat after a network error or timeout (reads). WeCom errcodes are always retried. */
  idempotent: boolean;
}

/** One HTTP exchange: WeCom's JSON, or why there is none. */
type Exchange = { ok: true; data: WecomBaseResponse } | { ok: false; reason: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The transport under every WeCom API area client (`areas/*.client.ts`): the server's only HTTP
 * door to WeCom. It knows nothing of any API's shapes; the area clients do.
 *
 * - picks the secret of the call's scope: the app (`agent`), 客户联系 (`contact`) or 通讯录
 *   (`addressBook`) secret, the last two falling back to the app secret when the corp has none.
 * - access_tokens and JS-SDK tickets are cached in Redis and refreshed once for all processes
 *   (AccessTokenStore); 40014/42001 drop the token, refresh it and retry the call once.
 * - calls per corp and API path are kept under WeCom's frequency limits (WecomRateLimiter).
 * - errcode != 0 becomes WecomApiException; -1, 45009, 45011 and 45033 are retried with
 *   exponential backoff first, as are network errors and timeouts of reads.
 * - `recentReads` lets an area share one read of an object between callback handlers.
 * - logs carry the API path, corp id, errcode and duration; never tokens, secrets or payloads.
 */
@Injectable()
export class WecomTransport implements OnModuleDestroy {
  private readonly logger = new Logger(WecomTransport.name);
  private readonly http: AxiosInstance;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });
  private readonly credentialCache: LRUCache<string, CorpCredentials>;
  /** Where the browser is sent for OAuth (open.weixin.qq.com, or the sandbox). */
  readonly oauthBaseUrl: string;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly tokens: AccessTokenStore,
    private readonly limiter: WecomRateLimiter,
    @Inject(WecomRecentReads) readonly recentReads: RecentReads,
    @Inject(WECOM_CREDENTIALS) private readonly credentialSource: WecomCredentialsSource,
    @Inject(WECOM_MODULE_OPTIONS) private readonly options: WecomModuleOptions,
  ) {
    const wecom = config.get('wecom', { infer: true });
    this.oauthBaseUrl = wecom.oauthBaseUrl;
    // ttl 0 would mean "forever" to LRUCache; here it means "do not keep"
    this.credentialCache = new LRUCache({
      max: 10_000,
      ttl: Math.max(1, options.credentialsCacheMs),
    });
    this.http = axios.create({
      baseURL: wecom.baseUrl,
      timeout: wecom.httpTimeoutMs,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // every status is inspected by hand: WeCom errors come back as HTTP 200 + errcode
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { 'User-Agent': 'wecom-scrm' },
    });
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** A read with query parameters (always safe to repeat). */
  get<T extends WecomBaseResponse>(
    corpId: string,
    scope: SecretScope,
    path: string,
    query?: Query,
  ): Promise<T> {
    return this.call<T>({ method: 'GET', path, scope, query, idempotent: true }, corpId);
  }

  /** A JSON POST; `idempotent` says whether a network error or timeout may repeat it. */
  post<T extends WecomBaseResponse>(
    corpId: string,
    scope: SecretScope,
    path: string,
    body: unknown,
    idempotent: boolean,
  ): Promise<T> {
    return this.call<T>({ method: 'POST', path, scope, body, idempotent }, corpId);
  }

  /** A JS-SDK ticket (jsapi or agent_config) with the app token, cached like access_tokens. */
  async ticket(corpId: string, kind: TicketKind): Promise<string> {
    return this.tokens.get(
      this.tokens.ticketKey(corpId, kind),
      async (): Promise<FetchedCredential> => {
        const res =
          kind === 'jsapi'
            ? await this.get<TicketResponse>(corpId, 'agent', 'get_jsapi_ticket')
            : await this.get<TicketResponse>(corpId, 'agent', 'ticket/get', {
                type: 'agent_config',
              });
        return { value: res.ticket, expiresIn: res.expires_in };
      },
    );
  }

  /** Forget a corp's cached credentials and tokens (after its secrets were changed). */
  async forgetCorp(corpId: string): Promise<void> {
    this.credentialCache.delete(corpId);
    for (const scope of ['agent', 'contact', 'addressBook'] as const) {
      await this.tokens.forget(this.tokens.tokenKey(corpId, scope));
    }
    for (const kind of ['jsapi', 'agent_config'] as const) {
      await this.tokens.forget(this.tokens.ticketKey(corpId, kind));
    }
  }

  /** A call with an access_token: token refresh on 40014/42001, backoff on transient errors. */
  async call<T extends WecomBaseResponse>(spec: CallSpec, corpId: string): Promise<T> {
    const creds = await this.credentials(corpId);
    const { scope, secret } = pickSecret(creds, spec.scope);
    const tokenKey = this.tokens.tokenKey(corpId, scope);
    let tokenRetried = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.get(tokenKey, () => this.fetchToken(corpId, scope, secret));
      const result = await this.exchange(corpId, spec, { ...spec.query, access_token: token });
      if (
        result.ok &&
        result.data.errcode &&
        TOKEN_ERRCODES.has(result.data.errcode) &&
        !tokenRetried
      ) {
        tokenRetried = true;
        attempt--; // a refreshed token is not a backoff attempt
        await this.tokens.invalidate(tokenKey, token);
        continue;
      }
      const outcome = this.judge<T>(spec, result);
      if ('data' in outcome) return outcome.data;
      if (outcome.retry && attempt < this.options.retry.attempts) {
        await sleep(this.backoff(attempt));
        continue;
      }
      throw outcome.error;
    }
  }

  /** gettoken: no token needed; retried like a read. The secret goes in the query, never in logs. */
  private async fetchToken(
    corpId: string,
    scope: SecretScope,
    secret: string,
  ): Promise<FetchedCredential> {
    const spec: CallSpec = { method: 'GET', path: 'gettoken', scope, idempotent: true };
    for (let attempt = 1; ; attempt++) {
      const result = await this.exchange(corpId, spec, { corpid: corpId, corpsecret: secret });
      const outcome = this.judge<GetTokenResponse>(spec, result);
      if ('data' in outcome) {
        if (!outcome.data.access_token)
          throw WecomApiException.unavailable('gettoken', 'no access_token in answer');
        return {
          value: outcome.data.access_token,
          expiresIn: Number(outcome.data.expires_in) || 7200,
        };
      }
      if (outcome.retry && attempt < this.options.retry.attempts) {
        await sleep(this.backoff(attempt));
        continue;
      }
      throw outcome.error;
    }
  }

  /** Success, or the exception to throw and whether another attempt may help. */
  private judge<T extends WecomBaseResponse>(
    spec: CallSpec,
    result: Exchange,
  ): { data: T } | { error: WecomApiException; retry: boolean } {
    if (!result.ok) {
      return {
        error: WecomApiException.unavailable(spec.path, result.reason),
        retry: spec.idempotent,
      };
    }
    const errcode = Number(result.data.errcode ?? 0);
    if (errcode === 0) return { data: result.data as T };
    return {
      error: WecomApiException.fromResponse(spec.path, errcode, String(result.data.errmsg ?? '')),
      retry: RETRYABLE_ERRCODES.has(errcode),
    };
  }

  /** One rate-limited HTTP exchange, logged by path, corp, errcode and duration only. */
  private async exchange(corpId: string, spec: CallSpec, query: Query): Promise<Exchange> {
    await this.limiter.acquire(corpId, spec.path);
    const started = Date.now();
    let result: Exchange;
    try {
      const res = await this.http.request<unknown>({
        method: spec.method,
        url: `/cgi-bin/${spec.path}`,
        params: query,
        data: spec.body,
      });
      const body = res.data;
      if (res.status >= 200 && res.status < 300 && isWecomBody(body))
        result = { ok: true, data: body };
      else
        result = {
          ok: false,
          reason: `HTTP ${res.status}${isWecomBody(body) ? '' : ' without WeCom JSON'}`,
        };
    } catch (err) {
      // never keep the axios error: its config holds the URL with access_token / corpsecret
      result = { ok: false, reason: networkReason(err) };
    }
    const ms = Date.now() - started;
    if (result.ok && !result.data.errcode) {
      this.logger.debug(`${spec.method} ${spec.path} corp=${corpId} errcode=0 ${ms}ms`);
    } else if (result.ok) {
      this.logger.warn(
        `${spec.method} ${spec.path} corp=${corpId} errcode=${result.data.errcode} ${ms}ms: ${shortErrmsg(result.data.errmsg)}`,
      );
    } else {
      this.logger.warn(
        `${spec.method} ${spec.path} corp=${corpId} failed after ${ms}ms: ${result.reason}`,
      );
    }
    return result;
  }

  private backoff(attempt: number): number {
    const base = this.options.retry.baseDelayMs * 2 ** (attempt - 1);
    return Math.round(base + Math.random() * base * 0.2);
  }

  private async credentials(corpId: string): Promise<CorpCredentials> {
    const cached = this.credentialCache.get(corpId);
    if (cached) return cached;
    const value = await this.credentialSource.credentials(corpId);
    this.credentialCache.set(corpId, value);
    return value;
  }
}

/** The secret for a scope; customer-contact and address-book fall back to the app secret. */
export function pickSecret(
  creds: CorpCredentials,
  scope: SecretScope,
): { scope: SecretScope; secret: string } {
  if (scope === 'contact' && creds.contactSecret) return { scope, secret: creds.contactSecret };
  if (scope === 'addressBook' && creds.addressBookSecret)
    return { scope, secret: creds.addressBookSecret };
  return { scope: 'agent', secret: creds.agentSecret };
}

function isWecomBody(body: unknown): body is WecomBaseResponse {
  return (
    typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body)
  );
}

/** A short reason for a failed exchange: the error code (ECONNREFUSED, timeout), not the URL. */
export function networkReason(err: unknown): string {
  if (isAxiosError(err)) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') return 'timeout';
    return err.code ?? 'network error';
  }
  return err instanceof Error ? err.name : 'network error';
}
