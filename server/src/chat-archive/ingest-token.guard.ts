import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { ChatArchiveService } from './chat-archive.service';

/** What the guard leaves on the request: the corp the token belongs to. */
export interface IngestRequest {
  chatArchiveCorpId?: string;
}

/**
 * The sidecar's door: `Authorization: Bearer <ingest token>` of one corp (set in Settings → 会话存档,
 * stored as its SHA-256). Never the corp's secrets: a leaked token can only add messages.
 */
@Injectable()
export class IngestTokenGuard implements CanActivate {
  constructor(private readonly archive: ChatArchiveService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx
      .switchToHttp()
      .getRequest<IngestRequest & { headers: Record<string, string> }>();
    const m = /^Bearer\s+(\S{16,256})$/.exec(req.headers.authorization ?? '');
    const corpId = m ? await this.archive.corpForToken(m[1]) : null;
    if (!corpId)
      throw new AppException(
        'CHAT_INGEST_UNAUTHORIZED',
        'A valid chat archive ingest token is required (Authorization: Bearer …)',
        HttpStatus.UNAUTHORIZED,
      );
    req.chatArchiveCorpId = corpId;
    return true;
  }
}
