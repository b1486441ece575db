import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../src';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class Client {
  private tokens = new Map<string, string>();

  constructor(public readonly sb: RunningSandbox) {}

  get url(): string {
    return this.sb.url;
  }

  async raw(method: 'GET' | 'POST', path: string, query: Json = {}, body?: unknown): Promise<Json> {
    const u = new URL(`${this.sb.url}/cgi-bin/${path}`);
    for (const [k, v] of Object.entries(query))
      if (v !== undefined) u.searchParams.set(k, String(v));
    const res = await fetch(u, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  }

  async token(kind: 'agent' | 'contact' | 'addressbook' = 'contact'): Promise<string> {
    const cached = this.tokens.get(kind);
    if (cached) return cached;
    const secret =
      kind === 'agent'
        ? this.sb.corp.agent.secret
        : kind === 'contact'
          ? this.sb.corp.contactSecret
          : this.sb.corp.addressBookSecret;
    const r = await this.raw('GET', 'gettoken', {
      corpid: this.sb.corp.corpId,
      corpsecret: secret,
    });
    expect(r.errcode).toBe(0);
    this.tokens.set(kind, r.access_token);
    return r.access_token;
  }

  forgetTokens(): void {
    this.tokens.clear();
  }

  /** Advance the sandbox clock (tokens expire with it, so fetch new ones next time). */
  async advance(seconds: number): Promise<Json> {
    const r = await this.act('clock/advance', { seconds });
    this.forgetTokens();
    return r;
  }

  async get(
    path: string,
    query: Json = {},
    kind: 'agent' | 'contact' | 'addressbook' = 'contact',
  ): Promise<Json> {
    return this.raw('GET', path, { access_token: await this.token(kind), ...query });
  }

  async post(
    path: string,
    body: unknown = {},
    kind: 'agent' | 'contact' | 'addressbook' = 'contact',
  ): Promise<Json> {
    return this.raw('POST', path, { access_token: await this.token(kind) }, body);
  }

  /** Control API under /sandbox. */
  async control(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${this.sb.url}/sandbox/${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  async act(path: string, body: unknown = {}): Promise<Json> {
    const r = await this.control('POST', path, body);
    if (r.status !== 200) throw new Error(`${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

export async function startClient(opts: SandboxOptions = {}): Promise<Client> {
  const sb = await startSandbox({ port: 0, ...opts });
  return new Client(sb);
}

export const xml = new XMLParser({
  parseTagValue: false,
  cdataPropName: false,
  isArray: (name) => name === 'Item',
});

export interface ReceivedCallback {
  query: Record<string, string>;
  body: string;
  outer: Json;
  /** Decrypted inner XML parsed to an object. */
  event: Json;
  innerXml: string;
  receiveId: string;
  signatureOk: boolean;
}

export interface Receiver {
  url: string;
  received: ReceivedCallback[];
  requests: number;
  /** Decide the answer for the n-th request (0-based). */
  respond: (n: number, req: IncomingMessage, res: ServerResponse, body: string) => void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

/** A tiny callback receiver that checks the signature and decrypts like the server must. */
export async function startReceiver(token: string, aesKey: string): Promise<Receiver> {
  const received: ReceivedCallback[] = [];
  let waiters: Array<() => void> = [];
  const receiver: Receiver = {
    url: '',
    received,
    requests: 0,
    respond: (_n, _req, res) => {
      res.writeHead(200).end('');
    },
    waitFor: async (count, timeoutMs = 8000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} callbacks, got ${received.length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = receiver.requests++;
      const q = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams) as Record<
        string,
        string
      >;
      if (req.method === 'POST') {
        const outer = xml.parse(body).xml as Json;
        const encryptText = String(outer.Encrypt);
        const signatureOk =
          getSignature(token, q.timestamp, q.nonce, encryptText) === q.msg_signature;
        const { message, id } = decrypt(aesKey, encryptText);
        received.push({
          query: q,
          body,
          outer,
          event: xml.parse(message).xml as Json,
          innerXml: message,
          receiveId: id,
          signatureOk,
        });
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      }
      receiver.respond(n, req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback/{corpId}`;
  return receiver;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
