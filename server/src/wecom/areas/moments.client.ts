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
}
