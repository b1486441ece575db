import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum CustomersErrorCode {
  NotFound = 'CUSTOMER_NOT_FOUND',
}

export class CustomersException extends AppException {
  static notFound(corpId: string, externalUserId: string): CustomersException {
    return new CustomersException(
      CustomersErrorCode.NotFound,
      `Customer ${externalUserId} of corp ${corpId} not found`,
      HttpStatus.NOT_FOUND,
    );
  }
}
