import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum TransferErrorCode {
  NotFound = 'TRANSFER_NOT_FOUND',
  Invalid = 'TRANSFER_INVALID',
  NotDeparted = 'TRANSFER_NOT_DEPARTED',
  NotActive = 'TRANSFER_NOT_ACTIVE',
  NothingToSend = 'TRANSFER_NOTHING_TO_SEND',
}

export class TransferException extends AppException {
  static notFound(id: string): TransferException {
    return new TransferException(
      TransferErrorCode.NotFound,
      `Transfer ${id} not found`,
      HttpStatus.NOT_FOUND,
    );
  }

  /** A 400 naming the field, like class-validator's. */
  static field(field: string, message: string): TransferException {
    return new TransferException(TransferErrorCode.Invalid, message, HttpStatus.BAD_REQUEST, {
      [field]: [message],
    });
  }

  static notDeparted(userId: string): TransferException {
    return new TransferException(
      TransferErrorCode.NotDeparted,
      `${userId} has not left the corp: use an active-staff transfer (在职继承)`,
      HttpStatus.UNPROCESSABLE_ENTITY,
      { handoverUserId: [`${userId} has not left the corp`] },
    );
  }

  static notActive(userId: string): TransferException {
    return new TransferException(
      TransferErrorCode.NotActive,
      `${userId} is not an active member: use a departure transfer (离职继承)`,
      HttpStatus.UNPROCESSABLE_ENTITY,
      { handoverUserId: [`${userId} is not an active member`] },
    );
  }

  static nothingToSend(): TransferException {
    return new TransferException(
      TransferErrorCode.NothingToSend,
      'No customer or group of this plan can be handed over (see each one’s reason)',
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}
