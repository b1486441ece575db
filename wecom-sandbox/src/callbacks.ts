import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { encrypt, getSignature } from '@wecom/crypto';

export type XmlValue = string | number | undefined | null | { items: string[] };

/** One WeCom event before encryption: Event, ChangeType and the extra fields in doc order. */
export interface CallbackEventInput {
  event: string;
  changeType?: string;
  fields?: Array<[string, XmlValue]>;
}

export interface CallbackDelivery {
  id: number;
  event: string;
  changeType?: string;
  /** Decrypted inner XML, as the receiver sees it after decrypting. */
  xml: string;
  url: string | null;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: number;
  /** HTTP status of every attempt (0 = timeout or connection error). */
  attemptStatuses: number[];
  lastError?: string;
  createdAt: number;
  deliveredAt?: number;
  duplicateOf?: number;
}

export interface CallbackOptions {
  callbackUrl?: string;
  /** WeCom waits 5 s for an answer (DW 90930). */
  timeoutMs: number;
  /** Not documented by WeCom; configurable. */
  retryDelayMs: number;
  /** "总共重试三次": 3 retries after the first attempt. */
  maxRetries: number;
  concurrency: number;
  duplicateCallbacks: boolean;
  shuffleCallbacks: boolean;
}

function cdata(value: string): string {
  return `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/** Inner (decrypted) XML: the common envelope of DW 92277 plus the event's own fields. */
export function buildEventXml(
  corpId: string,
  createTime: number,
  input: CallbackEventInput,
): string {
  const parts = [
    `<ToUserName>${cdata(corpId)}</ToUserName>`,
    `<FromUserName>${cdata('sys')}</FromUserName>`,
    `<CreateTime>${createTime}</CreateTime>`,
    `<MsgType>${cdata('event')}</MsgType>`,
    `<Event>${cdata(input.event)}</Event>`,
  ];
  if (input.changeType) parts.push(`<ChangeType>${cdata(input.changeType)}</ChangeType>`);
  for (const [name, value] of input.fields ?? []) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'number') parts.push(`<${name}>${value}</${name}>`);
    else if (typeof value === 'string') parts.push(`<${name}>${cdata(value)}</${name}>`);
    else
      parts.push(
        `<${name}>${value.items.map((i) => `<Item>${cdata(i)}</Item>`).join('')}</${name}>`,
      );
  }
  return `<xml>${parts.join('')}</xml>`;
}

export interface CallbackSecrets {
  corpId: string;
  agentId: number;
  token: string;
  encodingAESKey: string;
}

/** Encrypted POST body and query exactly as WeCom sends them (DW 90930 / 90968). */
export function encryptForDelivery(
  secrets: CallbackSecrets,
  xml: string,
  timestamp = Math.floor(Date.now() / 1000),
  nonce = randomBytes(6).toString('hex'),
): { body: string; query: { msg_signature: string; timestamp: string; nonce: string } } {
  const msgEncrypt = encrypt(secrets.encodingAESKey, xml, secrets.corpId);
  const ts = String(timestamp);
  const signature = getSignature(secrets.token, ts, nonce, msgEncrypt);
  const body =
    `<xml><ToUserName>${cdata(secrets.corpId)}</ToUserName>` +
    `<Encrypt>${cdata(msgEncrypt)}</Encrypt>` +
    `<AgentID>${cdata(String(secrets.agentId))}</AgentID></xml>`;
  return { body, query: { msg_signature: signature, timestamp: ts, nonce } };
}

export function resolveCallbackUrl(template: string | undefined, corpId: string): string | null {
  if (!template) return null;
  return template.split('{corpId}').join(encodeURIComponent(corpId));
}

/**
 * Asynchronous delivery queue. Events go out in creation order (unless shuffled); a receiver
 * that does not answer HTTP 200 within the timeout is retried, 3 retries in total.
 */
export class CallbackDispatcher {
  readonly deliveries: CallbackDelivery[] = [];
  private readonly ready: CallbackDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  // keep-alive connections to the callback URL, like WeCom's delivery
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });
  private inFlight = 0;
  private scheduled = 0;
  private nextId = 1;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private pumpTimer: NodeJS.Timeout | null = null;

  /**
   * @param businessNow the sandbox's business clock (the events' CreateTime)
   * @param transportNow the real time, signed into each delivery's `timestamp`
   */
  constructor(
    private secrets: CallbackSecrets,
    public options: CallbackOptions,
    private readonly businessNow: () => number,
    private readonly transportNow: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** The Token and EncodingAESKey callbacks are signed and encrypted with. */
  get callbackSecrets(): CallbackSecrets {
    return { ...this.secrets };
  }

  /** 接收消息 saved with another Token / EncodingAESKey: later deliveries use them. */
  setCallbackSecrets(change: Pick<CallbackSecrets, 'token' | 'encodingAESKey'>): void {
    this.secrets = { ...this.secrets, ...change };
  }

  get url(): string | null {
    return resolveCallbackUrl(this.options.callbackUrl, this.secrets.corpId);
  }

  enqueue(input: CallbackEventInput): CallbackDelivery {
    const xml = buildEventXml(this.secrets.corpId, this.businessNow(), input);
    const delivery = this.add(input, xml);
    if (this.options.duplicateCallbacks && delivery.status === 'pending') {
      this.add(input, xml, delivery.id);
    }
    this.schedulePump();
    return delivery;
  }

  private add(input: CallbackEventInput, xml: string, duplicateOf?: number): CallbackDelivery {
    const url = this.url;
    const delivery: CallbackDelivery = {
      id: this.nextId++,
      event: input.event,
      changeType: input.changeType,
      xml,
      url,
      status: url ? 'pending' : 'skipped',
      attempts: 0,
      attemptStatuses: [],
      createdAt: Date.now(),
      duplicateOf,
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > 20000) this.deliveries.splice(0, this.deliveries.length - 20000);
    if (url) this.ready.push(delivery);
    return delivery;
  }

  private schedulePump(): void {
    if (this.closed) return;
    if (this.options.shuffleCallbacks) {
      // Let a few events accumulate so that they can be sent out of order.
      if (!this.pumpTimer) {
        this.pumpTimer = setTimeout(() => {
          this.pumpTimer = null;
          this.pump();
        }, 50);
      }
      return;
    }
    queueMicrotask(() => this.pump());
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.options.concurrency && this.ready.length > 0) {
      const index = this.options.shuffleCallbacks
        ? Math.floor(Math.random() * this.ready.length)
        : 0;
      const [delivery] = this.ready.splice(index, 1);
      this.inFlight++;
      void this.attempt(delivery).finally(() => {
        this.inFlight--;
        this.pump();
        this.checkIdle();
      });
    }
    this.checkIdle();
  }

  private async attempt(delivery: CallbackDelivery): Promise<void> {
    const url = delivery.url as string;
    delivery.attempts++;
    // signed with the transport's (real) time: the receiver checks it against its own clock
    const { body, query } = encryptForDelivery(this.secrets, delivery.xml, this.transportNow());
    const target = new URL(url);
    target.searchParams.set('msg_signature', query.msg_signature);
    target.searchParams.set('timestamp', query.timestamp);
    target.searchParams.set('nonce', query.nonce);
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status = 0;
    try {
      // the answer's body must arrive within the deadline too
      status = await this.post(target, body, controller.signal);
      delivery.lastError = undefined;
    } catch (err) {
      status = 0;
      delivery.lastError = controller.signal.aborted ? 'timeout' : String((err as Error).message);
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
    delivery.attemptStatuses.push(status);
    if (status === 200) {
      delivery.status = 'delivered';
      delivery.deliveredAt = Date.now();
      return;
    }
    if (status !== 0) delivery.lastError = `HTTP ${status}`;
    if (delivery.attempts > this.options.maxRetries || this.closed) {
      delivery.status = 'failed';
      return;
    }
    this.scheduled++;
    const retry = setTimeout(() => {
      this.timers.delete(retry);
      this.scheduled--;
      if (this.closed) {
        delivery.status = 'failed';
        this.checkIdle();
        return;
      }
      this.ready.unshift(delivery);
      this.pump();
    }, this.options.retryDelayMs);
    this.timers.add(retry);
  }

  get pending(): number {
    return this.ready.length + this.inFlight + this.scheduled + (this.pumpTimer ? 1 : 0);
  }

  private checkIdle(): void {
    if (this.pending === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once every queued delivery has been delivered or has failed. */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  clear(): void {
    this.ready.length = 0;
    this.deliveries.length = 0;
  }

  /**
   * POST with node:http over keep-alive connections (fetch costs several times the CPU per
   * request, which matters when the sandbox delivers hundreds of callbacks a second); resolves
   * with the status once the whole answer is in.
   */
  private post(target: URL, body: string, signal: AbortSignal): Promise<number> {
    const secure = target.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(
        target,
        {
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          headers: {
            'content-type': 'text/xml; charset=utf-8',
            'content-length': Buffer.byteLength(body),
          },
          signal,
        },
        (res) => {
          res.on('error', reject);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.resume();
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.closed = true;
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.scheduled = 0;
    for (const c of this.controllers) c.abort();
    for (const d of this.ready) d.status = 'failed';
    this.ready.length = 0;
    this.checkIdle();
  }
}

export interface VerifyResult {
  url: string | null;
  ok: boolean;
  httpStatus: number;
  expected: string;
  received: string;
  error?: string;
}

/**
 * WeCom's URL verification: GET url?msg_signature&timestamp&nonce&echostr, where echostr is the
 * encrypted random string; the receiver must answer the plaintext as-is (DW 90930).
 */
export async function verifyCallbackUrl(
  secrets: CallbackSecrets,
  url: string | null,
  timeoutMs: number,
): Promise<VerifyResult> {
  const plain = randomBytes(9).toString('base64').replace(/[+/=]/g, '') + Date.now();
  if (!url)
    return {
      url,
      ok: false,
      httpStatus: 0,
      expected: plain,
      received: '',
      error: 'no callback url',
    };
  const echostr = encrypt(secrets.encodingAESKey, plain, secrets.corpId);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const target = new URL(url);
  target.searchParams.set('msg_signature', getSignature(secrets.token, timestamp, nonce, echostr));
  target.searchParams.set('timestamp', timestamp);
  target.searchParams.set('nonce', nonce);
  target.searchParams.set('echostr', echostr);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(target, { signal: controller.signal });
    const received = await res.text();
    return {
      url,
      ok: res.status === 200 && received === plain,
      httpStatus: res.status,
      expected: plain,
      received,
    };
  } catch (err) {
    return {
      url,
      ok: false,
      httpStatus: 0,
      expected: plain,
      received: '',
      error: controller.signal.aborted ? 'timeout' : String((err as Error).message),
    };
  } finally {
    clearTimeout(timer);
  }
}
