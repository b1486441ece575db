import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum CorpErrorCode {
  NotFound = 'CORP_NOT_FOUND',
  AlreadyExists = 'CORP_ALREADY_EXISTS',
}

export class CorpException extends AppException {
  static notFound(corpId: string): CorpException {
    return new CorpException(
      CorpErrorCode.NotFound,
      `Corp ${corpId} is not configured`,
      HttpStatus.NOT_FOUND,
    );
  }

  static alreadyExists(corpId: string): CorpException {
    return new CorpException(
      CorpErrorCode.AlreadyExists,
      `Corp ${corpId} is already configured`,
      HttpStatus.CONFLICT,
    );
  }
}
