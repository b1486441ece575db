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
}

const STATUS: Record<CallbackRejection, HttpStatus> = {
  [CallbackRejection.MissingParams]: HttpStatus.BAD_REQUEST,
  [CallbackRejection.UnknownCorp]: HttpStatus.NOT_FOUND,
  [CallbackRejection.MalformedBody]: HttpStatus.BAD_REQUEST,
  [CallbackRejection.BadSignature]: HttpStatus.UNAUTHORIZED,
  [CallbackRejection.Undecryptable]: HttpStatus.BAD_REQUEST,
  [CallbackRejection.WrongReceiver]: HttpStatus.FORBIDDEN,
  [CallbackRejection.StaleTimestamp]: HttpStatus.UNAUTHORIZED,
  [CallbackRejection.MalformedEvent]: HttpStatus.BAD_REQUEST,
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
