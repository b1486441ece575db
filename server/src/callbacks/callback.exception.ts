import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum CallbackRejection {
  MissingParams = 'missing_params',
  UnknownCorp = 'unknown_corp',
  MalformedBody = 'malformed_body',
  BadSignature = 'bad_signature',
  Undecryptable = 'undecryptable',
  WrongReceiver = 'wrong_receiver',
  StaleTimestamp = 'stale_timestamp',
  MalformedEvent = 'malformed_event',
  /** Not stored within CALLBACK_INGEST_DEADLINE_MS (a stalled MariaDB): 503, WeCom retries. */
  StoreTimeout = 'store_timeout',
  /** CALLBACK_INGEST_MAX_PENDING callbacks are already being stored: 503 at once. */
  Overloaded = 'overloaded',
  /** MariaDB answered with an error (down, pool exhausted, query timeout): 503. */
  StoreUnavailable = 'store_unavailable',
}

/** The rejections that say "not now" rather than "never": WeCom's retry may succeed. */
export const RETRYABLE_REJECTIONS: ReadonlySet<CallbackRejection> = new Set([
  CallbackRejection.StoreTimeout,
  CallbackRejection.Overloaded,
  CallbackRejection.StoreUnavailable,
]);

const STATUS: Record<CallbackRejection, HttpStatus> = {
  [CallbackRejection.MissingParams]: HttpStatus.BAD_REQUEST,
  [CallbackRejection.UnknownCorp]: HttpStatus.NOT_FOUND,
  [CallbackRejection.MalformedBody]: HttpStatus.BAD_REQUEST,
  [CallbackRejection.BadSignature]: HttpStatus.UNAUTHORIZED,
  [CallbackRejection.Undecryptable]: HttpStatus.BAD_REQUEST,
  [CallbackRejection.WrongReceiver]: HttpStatus.FORBIDDEN,
  [CallbackRejection.StaleTimestamp]: HttpStatus.UNAUTHORIZED,
  [CallbackRejection.MalformedEvent]: HttpStatus.BAD_REQUEST,
  [CallbackRejection.StoreTimeout]: HttpStatus.SERVICE_UNAVAILABLE,
  [CallbackRejection.Overloaded]: HttpStatus.SERVICE_UNAVAILABLE,
  [CallbackRejection.StoreUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

/** A callback the server refuses; the reason is logged and counted, never the secrets. */
export class CallbackException extends AppException {
  constructor(
    readonly reason: CallbackRejection,
    message: string,
  ) {
    super(`CALLBACK_${reason.toUpperCase()}`, message, STATUS[reason]);
  }
}
