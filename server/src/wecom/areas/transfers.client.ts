import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type {
  GetUnassignedListRequest,
  GetUnassignedListResponse,
  GroupChatTransferRequest,
  GroupChatTransferResponse,
  TransferCustomerRequest,
  TransferCustomerResponse,
  TransferResultRequest,
  TransferResultResponse,
} from './transfers.types';

/**
 * Transfers (在职/离职继承): customers and group chats of a member handed over to another.
 * Transfers are writes WeCom may have applied when the answer is lost, so they are not repeated
 * after a network error; the result APIs are.
 */
@Injectable()
export class TransfersClient {
  constructor(private readonly transport: WecomTransport) {}

  /** transfer_customer (在职继承, ≤100 customers). Per-customer errcodes are in `customer[]`. */
  transferCustomers(
    corpId: string,
    req: TransferCustomerRequest,
  ): Promise<TransferCustomerResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/transfer_customer', req, false);
  }

  /** transfer_result (在职继承): each customer's status, cursor-paged. */
  transferResult(corpId: string, req: TransferResultRequest): Promise<TransferResultResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/transfer_result', req, true);
  }

  /** resigned/transfer_customer (离职继承, ≤100 customers). */
  transferResignedCustomers(
    corpId: string,
    req: Omit<TransferCustomerRequest, 'transfer_success_msg'>,
  ): Promise<TransferCustomerResponse> {
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/resigned/transfer_customer',
      req,
      false,
    );
  }

  /** resigned/transfer_result (离职继承). */
  resignedTransferResult(
    corpId: string,
    req: TransferResultRequest,
  ): Promise<TransferResultResponse> {
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/resigned/transfer_result',
      req,
      true,
    );
  }

  /** get_unassigned_list: customers of departed members not yet handed over. */
  getUnassignedList(
    corpId: string,
    req: GetUnassignedListRequest = {},
  ): Promise<GetUnassignedListResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/get_unassigned_list', req, true);
  }

  /** groupchat/transfer: groups of departed owners (≤100 per call). */
  transferGroupChats(
    corpId: string,
    req: GroupChatTransferRequest,
  ): Promise<GroupChatTransferResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/groupchat/transfer', req, false);
  }

  /** groupchat/onjob_transfer: groups of active owners (≤100 per call). */
  transferOnJobGroupChats(
    corpId: string,
    req: GroupChatTransferRequest,
  ): Promise<GroupChatTransferResponse> {
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/groupchat/onjob_transfer',
      req,
      false,
    );
  }
}
