import { Injectable } from '@nestjs/common';
import { WecomTransport } from './wecom-transport';

/**
 * The one piece of the transport other modules may reach: after a corp's secrets change (the
 * setup wizard, the corp settings), its cached credentials, access_tokens and JS-SDK tickets are
 * dropped so the next call uses the new secrets.
 */
@Injectable()
export class WecomCredentialCache {
  constructor(private readonly transport: WecomTransport) {}

  forgetCorp(corpId: string): Promise<void> {
    return this.transport.forgetCorp(corpId);
  }
}
