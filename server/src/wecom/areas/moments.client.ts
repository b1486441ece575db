import { Injectable } from '@nestjs/common';
import { WecomTransport } from '../transport/wecom-transport';
import type {
  AddMomentTaskRequest,
  AddMomentTaskResponse,
  GetMomentListRequest,
  GetMomentListResponse,
  GetMomentTaskRequest,
  GetMomentTaskResponse,
  GetMomentTaskResultResponse,
  GetMomentCommentsRequest,
  GetMomentCommentsResponse,
  GetMomentCustomerListRequest,
  GetMomentCustomerListResponse,
  GetMomentSendResultResponse,
} from './moments.types';

/** Moments (客户朋友圈): publishing a corp moment and following who posted it. */
@Injectable()
export class MomentsClient {
  constructor(private readonly transport: WecomTransport) {}

  /** add_moment_task: asynchronous; the job's outcome comes from getMomentTaskResult. */
  addMomentTask(corpId: string, req: AddMomentTaskRequest): Promise<AddMomentTaskResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/add_moment_task', req, false);
  }

  getMomentTaskResult(corpId: string, jobid: string): Promise<GetMomentTaskResultResponse> {
    return this.transport.get(corpId, 'contact', 'externalcontact/get_moment_task_result', {
      jobid,
    });
  }

  /** get_moment_task: which members have published a moment. */
  getMomentTask(corpId: string, req: GetMomentTaskRequest): Promise<GetMomentTaskResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/get_moment_task', req, true);
  }

  getMomentList(corpId: string, req: GetMomentListRequest): Promise<GetMomentListResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/get_moment_list', req, true);
  }

  /** get_moment_customer_list: whom one member's moment was visible to (cursor paged, ≤1000). */
  getMomentCustomerList(
    corpId: string,
    req: GetMomentCustomerListRequest,
  ): Promise<GetMomentCustomerListResponse> {
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/get_moment_customer_list',
      req,
      true,
    );
  }

  /** get_moment_send_result: whom one member's moment was sent to (cursor paged, ≤5000). */
  getMomentSendResult(
    corpId: string,
    req: GetMomentCustomerListRequest,
  ): Promise<GetMomentSendResultResponse> {
    return this.transport.post(
      corpId,
      'contact',
      'externalcontact/get_moment_send_result',
      req,
      true,
    );
  }

  /** get_moment_comments: the comments and likes on one member's moment. */
  getMomentComments(
    corpId: string,
    req: GetMomentCommentsRequest,
  ): Promise<GetMomentCommentsResponse> {
    return this.transport.post(corpId, 'contact', 'externalcontact/get_moment_comments', req, true);
  }
}
