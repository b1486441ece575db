import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type {
  AddMsgTemplateRequest,
  AddMsgTemplateResponse,
  GetGroupMsgListV2Request,
  GetGroupMsgListV2Response,
  GetGroupMsgSendResultRequest,
  GetGroupMsgSendResultResponse,
  GetGroupMsgTaskRequest,
  GetGroupMsgTaskResponse,
} from './mass-messages.types';

/** Mass messages (群发): creating one for members to send, and following its delivery. */
@Injectable()
export class MassMessagesClient {
  constructor(private readonly transport: WecomTransport) {}

  /** add_msg_template: not repeated after a network error (WeCom may have created it). */
  addMsgTemplate(corpId: string, req: AddMsgTemplateRequest): Promise<AddMsgTemplateResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/add_msg_template', req, false);
  }

  getGroupMsgListV2(
    corpId: string,
    req: GetGroupMsgListV2Request,
  ): Promise<GetGroupMsgListV2Response> {
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/get_groupmsg_list_v2',
      req,
      true,
    );
  }

  getGroupMsgTask(corpId: string, req: GetGroupMsgTaskRequest): Promise<GetGroupMsgTaskResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/get_groupmsg_task', req, true);
  }

  getGroupMsgSendResult(
    corpId: string,
    req: GetGroupMsgSendResultRequest,
  ): Promise<GetGroupMsgSendResultResponse> {
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/get_groupmsg_send_result',
      req,
      true,
    );
  }

  /** remind_groupmsg_send: at most 3 reminders per message within 24 h. */
  async remindGroupMsgSend(corpId: string, msgid: string): Promise<void> {
    await this.transport.post(
      corpId,
      'contact',
      'externalcontact/remind_groupmsg_send',
      { msgid },
      false,
    );
  }

  async cancelGroupMsgSend(corpId: string, msgid: string): Promise<void> {
    await this.transport.post(
      corpId,
      'contact',
      'externalcontact/cancel_groupmsg_send',
      { msgid },
      true,
    );
  }
}
