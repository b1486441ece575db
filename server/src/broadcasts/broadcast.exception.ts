import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

export enum BroadcastErrorCode {
  NotFound = 'BROADCAST_NOT_FOUND',
  NotEditable = 'BROADCAST_NOT_EDITABLE',
  Canceled = 'BROADCAST_CANCELED',
  RemindLimit = 'BROADCAST_REMIND_LIMIT',
  NotRemindable = 'BROADCAST_NOT_REMINDABLE',
}

export class BroadcastException extends AppException {
  static notFound(id: string) {
    return new BroadcastException(
      BroadcastErrorCode.NotFound,
      `群发 ${id} 不存在`,
      HttpStatus.NOT_FOUND,
    );
  }

  static notEditable(state: string) {
    return new BroadcastException(
      BroadcastErrorCode.NotEditable,
      `群发已开始发送（${state}），不能再修改；可以取消后重新创建`,
      HttpStatus.CONFLICT,
    );
  }

  /** 41093 群发任务已取消. */
  static canceled() {
    return new BroadcastException(
      BroadcastErrorCode.Canceled,
      '该群发已取消，不能再提醒成员发送（企业微信 41093：群发任务已取消）',
      HttpStatus.CONFLICT,
    );
  }

  /** 41094 群发提醒超过频率限制. */
  static remindLimit(nextAt: Date | null) {
    const when = nextAt ? `，${nextAt.toISOString()} 后可再次提醒` : '';
    return new BroadcastException(
      BroadcastErrorCode.RemindLimit,
      `每条群发 24 小时内最多提醒 3 次，已用完${when}（企业微信 41094：群发提醒超过频率限制）`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  static notRemindable(state: string) {
    return new BroadcastException(
      BroadcastErrorCode.NotRemindable,
      `群发当前状态为 ${state}，只有已创建、等待成员确认的群发可以提醒`,
      HttpStatus.CONFLICT,
    );
  }
}
