/**
 * The shapes every WeCom API area shares: the secret scopes, the errcode/errmsg envelope, tokens
 * and tickets (used by the transport), and the callback query and credentials. Each API area's
 * request and response shapes live beside its client, in `areas/<area>.types.ts`.
 */

/** Which secret an access_token is issued for. `contact` and `addressBook` fall back to `agent`. */
export type SecretScope = 'agent' | 'contact' | 'addressBook';

/** Every WeCom answer carries these (errcode 0 = success; WecomTransport throws otherwise). */
export interface WecomBaseResponse {
  errcode: number;
  errmsg: string;
}

// ---------------------------------------------------------------- tokens and tickets

export interface GetTokenResponse extends WecomBaseResponse {
  access_token: string;
  expires_in: number;
}

export interface TicketResponse extends WecomBaseResponse {
  ticket: string;
  expires_in: number;
}

// ---------------------------------------------------------------- callbacks

/** Query parameters WeCom sends with every callback request. */
export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

export interface CallbackVerifyQuery extends CallbackQuery {
  echostr: string;
}

/** What the callback crypto needs from a corp's credentials. */
export interface CallbackCredentials {
  corpId: string;
  callbackToken: string;
  encodingAESKey: string;
}
