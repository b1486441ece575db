import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type {
  AddCorpTagRequest,
  AddCorpTagResponse,
  DelCorpTagRequest,
  EditCorpTagRequest,
  GetCorpTagListRequest,
  GetCorpTagListResponse,
  MarkTagRequest,
} from './corp-tags.types';

/** Corp tags (企业标签): the tag library, and marking a member's customer with tags. */
@Injectable()
export class CorpTagsClient {
  constructor(private readonly transport: WecomTransport) {}

  /** get_corp_tag_list: every group, or only the given tags / groups. */
  getCorpTagList(corpId: string, req: GetCorpTagListRequest = {}): Promise<GetCorpTagListResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/get_corp_tag_list', req, true);
  }

  addCorpTag(corpId: string, req: AddCorpTagRequest): Promise<AddCorpTagResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/add_corp_tag', req, false);
  }

  async editCorpTag(corpId: string, req: EditCorpTagRequest): Promise<void> {
    await this.transport.post(corpId, 'contact', 'externalcontact/edit_corp_tag', req, true);
  }

  async deleteCorpTag(corpId: string, req: DelCorpTagRequest): Promise<void> {
    await this.transport.post(corpId, 'contact', 'externalcontact/del_corp_tag', req, true);
  }

  /**
   * externalcontact/mark_tag: add/remove corp tags on one member's customer. WeCom sends an
   * edit_external_contact callback for it; adding a tag already there or removing one that is
   * not is not an error, so a repeat is harmless.
   */
  async markTag(corpId: string, req: MarkTagRequest): Promise<void> {
    await this.transport.post(corpId, 'contact', 'externalcontact/mark_tag', req, true);
  }
}
