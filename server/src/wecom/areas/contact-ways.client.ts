import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type {
  AddContactWayRequest,
  AddContactWayResponse,
  GetContactWayResponse,
  SendWelcomeMsgRequest,
  UpdateContactWayRequest,
} from './contact-ways.types';

/** Contact ways (联系我): the QR codes channels hand out, and the welcome sent on an add. */
@Injectable()
export class ContactWaysClient {
  constructor(private readonly transport: WecomTransport) {}

  addContactWay(corpId: string, req: AddContactWayRequest): Promise<AddContactWayResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/add_contact_way', req, false);
  }

  getContactWay(corpId: string, configId: string): Promise<GetContactWayResponse> {
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/get_contact_way',
      { config_id: configId },
      true,
    );
  }

  async updateContactWay(corpId: string, req: UpdateContactWayRequest): Promise<void> {
    await this.transport.post(corpId, 'contact', 'externalcontact/update_contact_way', req, true);
  }

  async deleteContactWay(corpId: string, configId: string): Promise<void> {
    await this.transport.post(
      corpId,
      'contact',
      'externalcontact/del_contact_way',
      { config_id: configId },
      true,
    );
  }

  /** send_welcome_msg: within 20 s of the event, once (41051 = already chatting, do not retry). */
  async sendWelcomeMsg(corpId: string, req: SendWelcomeMsgRequest): Promise<void> {
    await this.transport.post(corpId, 'contact', 'externalcontact/send_welcome_msg', req, false);
  }
}
