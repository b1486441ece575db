import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { WecomApiException, WecomErrorCode } from '../wecom/wecom-api.exception';

export enum ChannelErrorCode {
  NotFound = 'CHANNEL_NOT_FOUND',
  /** What WeCom would refuse, found before calling it: one sentence per problem. */
  PrecheckFailed = 'CHANNEL_PRECHECK_FAILED',
  /** WeCom refused the contact way anyway: its errcode with a sentence. */
  WecomRefused = 'CHANNEL_WECOM_REFUSED',
  /** A change WeCom does not allow on an existing contact way (e.g. single ↔ multi). */
  Immutable = 'CHANNEL_IMMUTABLE',
  Invalid = 'CHANNEL_INVALID',
}

/** Contact-way errcodes (DW 92228), said as a manager would understand them. */
const CONTACT_WAY_SENTENCES: Record<number, string> = {
  40058: 'a value is too long or malformed (state and remark are limited to 30 characters)',
  40096: 'the customer id is not valid',
  41041: 'a contact way can list at most 100 members (departments count their members)',
  41044: 'the contact way no longer exists in WeCom',
  41045: 'the corp reached the limit of 500,000 contact ways created through the API',
  48002: 'the app has no permission for customer contact (check the 客户联系 secret and range)',
  60111: 'a staff member does not exist in WeCom',
  60123: 'a department does not exist in WeCom',
  84074: 'a staff member has no customer-contact permission (客户联系)',
};

export class ChannelException extends AppException {
  static notFound(id: string): ChannelException {
    return new ChannelException(
      ChannelErrorCode.NotFound,
      `Channel ${id} not found`,
      HttpStatus.NOT_FOUND,
    );
  }

  /** `problems` maps a field (e.g. `staff.zhangwei`) to sentences. */
  static precheck(problems: Record<string, string[]>): ChannelException {
    const sentences = Object.values(problems).flat();
    return new ChannelException(
      ChannelErrorCode.PrecheckFailed,
      `WeCom would refuse this channel: ${sentences.join(' ')}`,
      HttpStatus.UNPROCESSABLE_ENTITY,
      problems,
    );
  }

  static invalid(message: string): ChannelException {
    return new ChannelException(ChannelErrorCode.Invalid, message, HttpStatus.BAD_REQUEST);
  }

  static immutable(message: string): ChannelException {
    return new ChannelException(ChannelErrorCode.Immutable, message, HttpStatus.BAD_REQUEST);
  }

  /** WeCom said no: what it means, and its errcode. */
  static wecomRefused(action: string, err: WecomApiException): ChannelException {
    const sentence =
      CONTACT_WAY_SENTENCES[err.errcode] ?? err.message.replace(/^WeCom [^ ]+ failed: /, '');
    return new ChannelException(
      ChannelErrorCode.WecomRefused,
      `WeCom refused to ${action}: ${sentence} (errcode ${err.errcode})`,
      err.code === WecomErrorCode.Unavailable
        ? HttpStatus.SERVICE_UNAVAILABLE
        : HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}
