import { randomId } from './ids';

/** Which secret a token was issued for: each secret is its own scope. */
export type TokenScope = 'agent' | 'contact' | 'addressbook';

export interface TokenRecord {
  token: string;
  scope: TokenScope;
  issuedAt: number;
  expiresAt: number;
}

export type TokenCheck = { ok: true; record: TokenRecord } | { ok: false; errcode: 40014 | 42001 };

/**
 * access_token store. Same secret within validity → same token (DW 91039: 有效期内重复获取返回相同结果,
 * 过期后获取会返回新的access_token). Expired tokens are remembered so use gives 42001, not 40014.
 */
export class TokenStore {
  private readonly byToken = new Map<string, TokenRecord>();
  private readonly current = new Map<TokenScope, TokenRecord>();
  private readonly tickets = new Map<string, { ticket: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    public ttlSeconds: number,
  ) {}

  issue(scope: TokenScope): TokenRecord {
    const now = this.now();
    const cur = this.current.get(scope);
    if (cur && cur.expiresAt > now) return cur;
    const record: TokenRecord = {
      token: randomId(86, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      scope,
      issuedAt: now,
      expiresAt: now + this.ttlSeconds,
    };
    this.byToken.set(record.token, record);
    this.current.set(scope, record);
    // Forget tokens that expired long ago so the map stays small.
    if (this.byToken.size > 1000) {
      for (const [t, r] of this.byToken) if (r.expiresAt < now - 86400) this.byToken.delete(t);
    }
    return record;
  }

  check(token: string): TokenCheck {
    const record = this.byToken.get(token);
    if (!record) return { ok: false, errcode: 40014 };
    if (record.expiresAt <= this.now()) return { ok: false, errcode: 42001 };
    return { ok: true, record };
  }

  /** Expire every token (and ticket) now: the next use gives 42001. */
  expireAll(): void {
    const now = this.now();
    for (const r of this.byToken.values()) r.expiresAt = Math.min(r.expiresAt, now);
    this.current.clear();
    this.tickets.clear();
  }

  /** JS-SDK tickets: cached per kind while valid (DW 96909: expires_in 7200, must be cached). */
  ticket(kind: string, ttl = 7200): { ticket: string; expires_in: number } {
    const now = this.now();
    const cur = this.tickets.get(kind);
    if (cur && cur.expiresAt > now) return { ticket: cur.ticket, expires_in: cur.expiresAt - now };
    const ticket = randomId(86, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
    this.tickets.set(kind, { ticket, expiresAt: now + ttl });
    return { ticket, expires_in: ttl };
  }

  clear(): void {
    this.byToken.clear();
    this.current.clear();
    this.tickets.clear();
  }
}
