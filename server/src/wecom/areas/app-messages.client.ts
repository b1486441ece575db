import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type { SendAppMessageRequest, SendAppMessageResponse } from './app-messages.types';

/**
 * App messages (应用消息) to members, with the app secret: notices such as a transfer to accept
 * or a mass message to send (inheritance notifies each successor). The sandbox emulates
 * message/send; `GET /sandbox/app-messages` lists what members received.
 */
@Injectable()
export class AppMessagesClient {
  constructor(private readonly transport: WecomTransport) {}

  /** message/send: not repeated after a network error (the member would get it twice). */
  sendAppMessage(corpId: string, req: SendAppMessageRequest): Promise<SendAppMessageResponse> {
    return this.transport.post(corpId, 'agent', 'message/send', req, false);
  }

  /** message/recall: within 24 h of the send (42052 after). */
  async recallAppMessage(corpId: string, msgid: string): Promise<void> {
    await this.transport.post(corpId, 'agent', 'message/recall', { msgid }, true);
  }
}
