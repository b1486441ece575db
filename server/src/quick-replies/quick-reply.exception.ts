import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum QuickReplyErrorCode {
  NotFound = 'QUICK_REPLY_NOT_FOUND',
  FolderNotFound = 'QUICK_REPLY_FOLDER_NOT_FOUND',
  Invalid = 'VALIDATION_FAILED',
}

export class QuickReplyException extends AppException {
  /** Also another corp's item, or one in a folder the guide may not see: the same 404. */
  static notFound(id: string): QuickReplyException {
    return new QuickReplyException(
      QuickReplyErrorCode.NotFound,
      `话术 ${id} 不存在`,
      HttpStatus.NOT_FOUND,
    );
  }

  static folderNotFound(id: string): QuickReplyException {
    return new QuickReplyException(
      QuickReplyErrorCode.FolderNotFound,
      `话术分组 ${id} 不存在`,
      HttpStatus.NOT_FOUND,
    );
  }

  /** A 400 naming the field, like the validation pipe's. */
  static invalid(field: string, message: string): QuickReplyException {
    return new QuickReplyException(QuickReplyErrorCode.Invalid, message, HttpStatus.BAD_REQUEST, {
      [field]: [message],
    });
  }
}
