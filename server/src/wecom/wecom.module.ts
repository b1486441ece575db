import { DynamicModule, Global, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { CorpModule } from '../corps/corp.module';
import { CorpService } from '../corps/corp.service';
import { AccessTokenStore } from './access-token.store';
import { CredentialCheckClient } from './areas/credential-check.client';
import { CallbackCryptoService } from './callback-crypto.service';
import { JsapiSignatureService } from './jsapi-signature.service';
import { WecomRateLimiter } from './rate-limiter';
import { WecomRecentReads } from './recent-reads';
import { WecomClient } from './wecom-client';
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

/**
 * The only module that talks to WeCom. Global: import `WecomModule.forRoot()` once in the app
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
        WecomClient,
        CallbackCryptoService,
        JsapiSignatureService,
        CredentialCheckClient,
      ],
      exports: [
        CredentialCheckClient,
        WecomClient,
        CallbackCryptoService,
        JsapiSignatureService,
        WECOM_CREDENTIALS,
      ],
    };
  }
}
