import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import { WecomApiException, WecomErrcode } from '../wecom-api.exception';
import type { WecomBaseResponse } from '../wecom.types';
import type {
  BatchCustomer,
  BatchGetByUserRequest,
  BatchGetByUserResponse,
  ExternalContactGetResponse,
  RemarkRequest,
} from './external-contacts.types';

const BATCH_USERS = 100;

/** Customers (客户): who follows whom, the customer's profile, and the member's remark of them. */
@Injectable()
export class ExternalContactsClient {
  constructor(private readonly transport: WecomTransport) {}

  /** externalcontact/get_follow_user_list: members with customer-contact enabled. */
  async getFollowUserList(corpId: string): Promise<string[]> {
    const res = await this.transport.get<{ follow_user: string[] } & WecomBaseResponse>(
      corpId,
      'contact',
      'externalcontact/get_follow_user_list',
    );
    return res.follow_user ?? [];
  }

  /** externalcontact/list: one member's customers ([] when WeCom says 84061 "no customers"). */
  async listExternalContacts(corpId: string, userid: string): Promise<string[]> {
    try {
      const res = await this.transport.get<{ external_userid: string[] } & WecomBaseResponse>(
        corpId,
        'contact',
        'externalcontact/list',
        { userid },
      );
      return res.external_userid ?? [];
    } catch (err) {
      if (err instanceof WecomApiException && err.errcode === WecomErrcode.NotExternalContact)
        return [];
      throw err;
    }
  }

  /**
   * externalcontact/get: the customer with every follow user. WeCom pages follow_user by 500;
   * the pages are walked and concatenated.
   *
   * `freshSince` (ms): the caller needs WeCom's state as of no earlier than this moment (when its
   * callback event arrived), so a read of the same customer that started at or after it is
   * reused instead of calling WeCom again (RecentReads). Without it WeCom is always read.
   */
  getExternalContact(
    corpId: string,
    externalUserId: string,
    opts: { freshSince?: number } = {},
  ): Promise<ExternalContactGetResponse> {
    const key = `${corpId}:externalcontact/get:${externalUserId}`;
    const fetch = () => this.readExternalContact(corpId, externalUserId);
    const reads = this.transport.recentReads;
    return opts.freshSince === undefined
      ? reads.fetchAndKeep(key, fetch)
      : reads.read(key, opts.freshSince, fetch);
  }

  private async readExternalContact(
    corpId: string,
    externalUserId: string,
  ): Promise<ExternalContactGetResponse> {
    let cursor: string | undefined;
    let first: ExternalContactGetResponse | undefined;
    do {
      const page = await this.transport.get<ExternalContactGetResponse>(
        corpId,
        'contact',
        'externalcontact/get',
        { external_userid: externalUserId, cursor },
      );
      if (!first) first = { ...page, follow_user: [...(page.follow_user ?? [])] };
      else first.follow_user.push(...(page.follow_user ?? []));
      cursor = page.next_cursor || undefined;
    } while (cursor);
    first.next_cursor = '';
    return first;
  }

  /** externalcontact/batch/get_by_user: one page (≤100 members, ≤100 per page). */
  batchGetCustomersByUser(
    corpId: string,
    req: BatchGetByUserRequest,
  ): Promise<BatchGetByUserResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/batch/get_by_user', req, true);
  }

  /**
   * Every (customer, follow info) pair of the given members: userid_list in chunks of 100,
   * each chunk's cursor walked to the end. A customer followed by two of the members comes once
   * per member.
   */
  async *iterateCustomersByUsers(
    corpId: string,
    userIds: string[],
    pageSize = 100,
  ): AsyncGenerator<BatchCustomer, void, undefined> {
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += BATCH_USERS) {
      const chunk = unique.slice(i, i + BATCH_USERS);
      let cursor: string | undefined;
      do {
        const page = await this.batchGetCustomersByUser(corpId, {
          userid_list: chunk,
          cursor,
          limit: pageSize,
        });
        yield* page.external_contact_list ?? [];
        cursor = page.next_cursor || undefined;
      } while (cursor);
    }
  }

  /**
   * externalcontact/remark: the member's remark, description, company and mobiles of a customer.
   * WeCom sends no callback for it: the caller writes the mirror too.
   */
  async remarkExternalContact(corpId: string, req: RemarkRequest): Promise<void> {
    await this.transport.post(corpId, 'contact', 'externalcontact/remark', req, true);
  }
}
