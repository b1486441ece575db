import type { Request } from 'express';
import type { SandboxState } from '../state';
import type { TokenRecord, TokenScope } from '../tokens';

export type Json = Record<string, unknown>;

export interface ApiContext {
  state: SandboxState;
  query: Record<string, string | undefined>;
  /** Parsed JSON body for POST APIs ({} for GET). */
  body: Json;
  rawBody: Buffer;
  contentType: string;
  token: TokenRecord;
  req: Request;
}

export interface ApiDef {
  method: 'GET' | 'POST';
  /** Path under /cgi-bin/, e.g. 'externalcontact/get'. */
  path: string;
  /** Token scopes allowed (default: every scope). */
  scopes?: TokenScope[];
  /** Body is not JSON (media upload). */
  rawBody?: boolean;
  /** A promise: the answer waits for it (the transfer hold gate of the fault tests). */
  handler: (ctx: ApiContext) => Json | Promise<Json>;
}
