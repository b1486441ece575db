import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum CustomersErrorCode {
  NotFound = 'CUSTOMER_NOT_FOUND',
  BadCursor = 'VALIDATION_FAILED',
}

export class CustomersException extends AppException {
  static notFound(corpId: string, externalUserId: string): CustomersException {
    return new CustomersException(
      CustomersErrorCode.NotFound,
      `Customer ${externalUserId} of corp ${corpId} not found`,
      HttpStatus.NOT_FOUND,
    );
  }

  /** A 400 naming the field, like every validation failure. */
  static badCursor(): CustomersException {
    return new CustomersException(
      CustomersErrorCode.BadCursor,
      'cursor is not a nextCursor of this list in this order',
      HttpStatus.BAD_REQUEST,
      { cursor: ['cursor is not a nextCursor of this list in this order'] },
    );
  }
}
