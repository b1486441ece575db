import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum WecomErrorCode {
  /** WeCom answered with errcode != 0. */
  ApiError = 'WECOM_API_ERROR',
  /** WeCom could not be reached, timed out, or answered something that is not WeCom JSON. */
  Unavailable = 'WECOM_UNAVAILABLE',
  /** A callback's msg_signature does not match. */
  CallbackSignature = 'WECOM_CALLBACK_SIGNATURE',
  /** A callback could not be decrypted, or was addressed to another receive id (corp). */
  CallbackDecrypt = 'WECOM_CALLBACK_DECRYPT',
}

/** WeCom errcodes: the ones the client acts on, and the ones callers commonly check. */
export const WecomErrcode = {
  SystemBusy: -1,
  InvalidSecret: 40001,
  InvalidAccessToken: 40014,
  AccessTokenExpired: 42001,
  ApiFreqOutOfLimit: 45009,
  ApiTooFrequent: 45011,
  ApiConcurrentOutOfLimit: 45033,
  NotExternalContact: 84061,
  WelcomeAlreadyChatting: 41051,
} as const;

/** The access_token was rejected: drop it, fetch a new one, retry once. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([
  WecomErrcode.InvalidAccessToken,
  WecomErrcode.AccessTokenExpired,
]);

/** Transient: retried with exponential backoff (DW 90455 says retry -1 at most 3 times). */
export const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([
  WecomErrcode.SystemBusy,
  WecomErrcode.ApiFreqOutOfLimit,
  WecomErrcode.ApiTooFrequent,
  WecomErrcode.ApiConcurrentOutOfLimit,
]);

const SENTENCES: Record<number, string> = {
  [-1]: 'WeCom is busy',
  40001: 'the corp secret was rejected by WeCom (check the secret in the corp settings)',
  40014: 'the access token was rejected by WeCom',
  42001: 'the access token has expired',
  45009: 'the WeCom API frequency limit was reached',
  45011: 'WeCom API calls are too frequent',
  45033: 'too many concurrent calls to this WeCom API',
  48002: 'the app has no permission for this WeCom API',
  60111: 'the member does not exist in WeCom',
  84061: 'the member and the customer are not connected in WeCom',
  84074: 'the member has no customer-contact permission',
};

/**
 * A failed WeCom call. Carries WeCom's errcode and errmsg and the API path (e.g.
 * `externalcontact/get`); never the URL's query string, the access_token or a secret.
 */
export class WecomApiException extends AppException {
  constructor(
    code: WecomErrorCode,
    message: string,
    readonly path: string,
    readonly errcode: number,
    readonly errmsg: string,
    status: HttpStatus = HttpStatus.BAD_GATEWAY,
  ) {
    super(code, message, status);
  }

  /** WeCom answered errcode != 0. */
  static fromResponse(path: string, errcode: number, errmsg: string): WecomApiException {
    const what = SENTENCES[errcode] ?? 'WeCom refused the request';
    const message = `WeCom ${path} failed: ${what} (errcode ${errcode}: ${shortErrmsg(errmsg)})`;
    return new WecomApiException(WecomErrorCode.ApiError, message, path, errcode, errmsg);
  }

  /** No usable answer: network error, timeout, HTTP error or a body that is not WeCom JSON. */
  static unavailable(path: string, reason: string): WecomApiException {
    return new WecomApiException(
      WecomErrorCode.Unavailable,
      `WeCom ${path} could not be reached: ${reason}`,
      path,
      -1,
      reason,
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }

  get isTokenError(): boolean {
    return TOKEN_ERRCODES.has(this.errcode);
  }

  get isRetryable(): boolean {
    return this.code === WecomErrorCode.Unavailable || RETRYABLE_ERRCODES.has(this.errcode);
  }
}

/** Callback signature / decryption failures: answered with 400 (WeCom retries non-200). */
export class WecomCallbackException extends AppException {
  static badSignature(): WecomCallbackException {
    return new WecomCallbackException(
      WecomErrorCode.CallbackSignature,
      'Invalid WeCom callback signature',
      HttpStatus.BAD_REQUEST,
    );
  }

  static cannotDecrypt(reason: string): WecomCallbackException {
    return new WecomCallbackException(
      WecomErrorCode.CallbackDecrypt,
      `WeCom callback could not be decrypted: ${reason}`,
      HttpStatus.BAD_REQUEST,
    );
  }
}

/** WeCom's errmsg ends with ", hint: [...], from ip: ..., more info at ...": keep the first part. */
export function shortErrmsg(errmsg: string | undefined): string {
  if (!errmsg) return 'no errmsg';
  const cut = errmsg.search(/,\s*hint:/);
  return (cut >= 0 ? errmsg.slice(0, cut) : errmsg).slice(0, 200);
}
