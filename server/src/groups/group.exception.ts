import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum GroupErrorCode {
  NotFound = 'GROUP_NOT_FOUND',
}

export class GroupException extends AppException {
  static notFound(corpId: string, chatId: string): GroupException {
    return new GroupException(
      GroupErrorCode.NotFound,
      `Group chat ${chatId} of corp ${corpId} not found`,
      HttpStatus.NOT_FOUND,
    );
  }
}
