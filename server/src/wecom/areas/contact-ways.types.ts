/**
 * Request and response shapes of the contact way (联系我) APIs and of send_welcome_msg.
 * WeCom's own field names (snake_case, as on developer.work.weixin.qq.com); optional = WeCom may omit it.
 */
import type { WecomBaseResponse } from '../wecom.types';
import type { MessageAttachment } from './message-attachment.types';

export interface ContactWayConclusions {
  text?: { content: string };
  image?: { media_id?: string; pic_url?: string };
  link?: { title: string; picurl?: string; desc?: string; url: string };
  miniprogram?: { title: string; pic_media_id: string; appid: string; page: string };
}

export interface AddContactWayRequest {
  /** 1 single member, 2 several members. */
  type: 1 | 2;
  /** 1 mini program, 2 QR code. */
  scene: 1 | 2;
  style?: number;
  /** ≤30 characters. */
  remark?: string;
  skip_verify?: boolean;
  /** ≤30 characters; comes back in the add_external_contact event. */
  state?: string;
  user?: string[];
  party?: number[];
  is_temp?: boolean;
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  is_exclusive?: boolean;
  conclusions?: ContactWayConclusions;
}

export interface AddContactWayResponse extends WecomBaseResponse {
  config_id: string;
  qr_code?: string;
}

export interface ContactWay extends Omit<AddContactWayRequest, 'type' | 'scene'> {
  config_id: string;
  type: number;
  scene: number;
  qr_code?: string;
}

export interface GetContactWayResponse extends WecomBaseResponse {
  contact_way: ContactWay;
}

export interface UpdateContactWayRequest {
  config_id: string;
  remark?: string;
  skip_verify?: boolean;
  style?: number;
  state?: string;
  user?: string[];
  party?: number[];
  expires_in?: number;
  chat_expires_in?: number;
  unionid?: string;
  conclusions?: ContactWayConclusions;
}

export interface SendWelcomeMsgRequest {
  welcome_code: string;
  text?: { content: string };
  /** ≤9. */
  attachments?: MessageAttachment[];
}
