import { DynamicModule, Global, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { CorpModule } from '../corps/corp.module';
import { CorpService } from '../corps/corp.service';
import { AccessTokenStore } from './access-token.store';
import { CredentialCheckClient } from './areas/credential-check.client';
import { CallbackCryptoService } from './callback-crypto.service';
import { JsapiSignatureService } from './jsapi-signature.service';
import { WecomRateLimiter } from './rate-limiter';
import { WecomRecentReads } from './recent-reads';
import { AddressBookClient } from './areas/address-book.client';
import { AppMessagesClient } from './areas/app-messages.client';
import { ChatArchiveClient } from './areas/chat-archive.client';
import { ContactWaysClient } from './areas/contact-ways.client';
import { CorpTagsClient } from './areas/corp-tags.client';
import { CustomerGroupsClient } from './areas/customer-groups.client';
import { ExternalContactsClient } from './areas/external-contacts.client';
import { MassMessagesClient } from './areas/mass-messages.client';
import { MediaClient } from './areas/media.client';
import { MomentsClient } from './areas/moments.client';
import { OAuthJssdkClient } from './areas/oauth-jssdk.client';
import { TransfersClient } from './areas/transfers.client';
import { WecomCredentialCache } from './transport/wecom-credential-cache';
import { WecomTransport } from './transport/wecom-transport';
import {
  resolveWecomOptions,
  WECOM_CREDENTIALS,
  WECOM_MODULE_OPTIONS,
  WecomModuleOptionsInput,
} from './wecom.options';

export interface WecomModuleRegistration extends WecomModuleOptionsInput {
  /**
   * Where corp credentials come from. Default: CorpService (imports CorpModule). Tests may
   * pass their own provider for WECOM_CREDENTIALS plus the imports it needs.
   */
  credentials?: { provider: Provider; imports?: ModuleMetadata['imports'] };
}

/** One client per WeCom API area; callers inject the area they need. */
export const WECOM_AREA_CLIENTS = [
  AddressBookClient,
  AppMessagesClient,
  ChatArchiveClient,
  ContactWaysClient,
  CorpTagsClient,
  CustomerGroupsClient,
  ExternalContactsClient,
  MassMessagesClient,
  MediaClient,
  MomentsClient,
  OAuthJssdkClient,
  TransfersClient,
];

/**
 * The only module that talks to WeCom: the transport (not exported) under one client per API
 * area (exported). Global: import `WecomModule.forRoot()` once in the app
 * module; needs ConfigModule (namespace `wecom`) and RedisModule (REDIS_CLIENT).
 */
@Global()
@Module({})
export class WecomModule {
  static forRoot(registration: WecomModuleRegistration = {}): DynamicModule {
    const { credentials, ...options } = registration;
    return {
      module: WecomModule,
      global: true,
      imports: credentials ? (credentials.imports ?? []) : [CorpModule],
      providers: [
        { provide: WECOM_MODULE_OPTIONS, useValue: resolveWecomOptions(options) },
        credentials?.provider ?? { provide: WECOM_CREDENTIALS, useExisting: CorpService },
        AccessTokenStore,
        WecomRateLimiter,
        WecomRecentReads,
        WecomTransport,
        WecomCredentialCache,
        ...WECOM_AREA_CLIENTS,
        CallbackCryptoService,
        JsapiSignatureService,
        CredentialCheckClient,
      ],
      exports: [
        ...WECOM_AREA_CLIENTS,
        WecomCredentialCache,
        CredentialCheckClient,
        CallbackCryptoService,
        JsapiSignatureService,
        WECOM_CREDENTIALS,
      ],
    };
  }
}
