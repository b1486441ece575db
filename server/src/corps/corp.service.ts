import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AllConfig } from '../config/configuration';
import { DomainEventBus } from '../events/domain-event-bus';
import { CorpRepository } from './corp.repository';
import { CorpException } from './corp.exception';
import { CorpResponseDto, CreateCorpDto, toCorpResponse, UpdateCorpDto } from './dto/corp.dto';
import { CorpEntity, DEFAULT_CORP_TIME_ZONE } from './entities/corp.entity';
import { SecretBox } from './secret-box';

/** Plain credentials of a corp, for the WeCom client and callback crypto only. */
export interface CorpCredentials {
  corpId: string;
  agentId: number;
  agentSecret: string;
  contactSecret: string | null;
  addressBookSecret: string | null;
  callbackToken: string;
  encodingAESKey: string;
}

@Injectable()
export class CorpService {
  private readonly logger = new Logger(CorpService.name);
  private readonly box: SecretBox;

  constructor(
    private readonly corps: CorpRepository,
    config: ConfigService<AllConfig, true>,
    private readonly events: DomainEventBus,
  ) {
    this.box = new SecretBox(config.get('auth.secretsEncryptionKey', { infer: true }));
  }

  async list(): Promise<CorpResponseDto[]> {
    return (await this.corps.findAll()).map(toCorpResponse);
  }

  async get(corpId: string): Promise<CorpResponseDto> {
    return toCorpResponse(await this.require(corpId));
  }

  async create(dto: CreateCorpDto): Promise<CorpResponseDto> {
    if (await this.corps.findById(dto.corpId)) throw CorpException.alreadyExists(dto.corpId);
    await this.corps.insert({
      id: dto.corpId,
      name: dto.name,
      agentId: dto.agentId,
      timeZone: dto.timeZone ?? DEFAULT_CORP_TIME_ZONE,
      agentSecretSealed: this.box.seal(dto.agentSecret),
      contactSecretSealed: dto.contactSecret ? this.box.seal(dto.contactSecret) : null,
      addressBookSecretSealed: dto.addressBookSecret ? this.box.seal(dto.addressBookSecret) : null,
      callbackTokenSealed: this.box.seal(dto.callbackToken),
      encodingAesKeySealed: this.box.seal(dto.encodingAESKey),
    });
    // the corp is saved either way; a handler's failure is logged (the admin can retry a sync)
    await this.events
      .emit('CorpCreated', { corpId: dto.corpId })
      .catch((err: Error) =>
        this.logger.error({ corpId: dto.corpId, err: err.message }, 'CorpCreated handler failed'),
      );
    return this.get(dto.corpId);
  }

  async update(corpId: string, dto: UpdateCorpDto): Promise<CorpResponseDto> {
    await this.require(corpId);
    const changes: Partial<CorpEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.agentId !== undefined) changes.agentId = dto.agentId;
    if (dto.timeZone !== undefined) changes.timeZone = dto.timeZone;
    if (dto.agentSecret !== undefined) changes.agentSecretSealed = this.box.seal(dto.agentSecret);
    if (dto.contactSecret !== undefined)
      changes.contactSecretSealed = this.box.seal(dto.contactSecret);
    if (dto.addressBookSecret !== undefined)
      changes.addressBookSecretSealed = this.box.seal(dto.addressBookSecret);
    if (dto.callbackToken !== undefined)
      changes.callbackTokenSealed = this.box.seal(dto.callbackToken);
    if (dto.encodingAESKey !== undefined)
      changes.encodingAesKeySealed = this.box.seal(dto.encodingAESKey);
    // WeCom must verify the URL again with the new Token / EncodingAESKey
    if (dto.callbackToken !== undefined || dto.encodingAESKey !== undefined)
      changes.callbackVerifiedAt = null;
    if (Object.keys(changes).length > 0) await this.corps.update(corpId, changes);
    return this.get(corpId);
  }

  /** The server answered WeCom's GET verification of this corp's callback URL. */
  async markCallbackVerified(corpId: string, at = new Date()): Promise<void> {
    await this.corps.setCallbackVerifiedAt(corpId, at);
  }

  /** Server-internal: the decrypted credentials. Never return this from a controller. */
  async credentials(corpId: string): Promise<CorpCredentials> {
    const corp = await this.require(corpId);
    return {
      corpId: corp.id,
      agentId: corp.agentId,
      agentSecret: this.box.open(corp.agentSecretSealed),
      contactSecret: corp.contactSecretSealed ? this.box.open(corp.contactSecretSealed) : null,
      addressBookSecret: corp.addressBookSecretSealed
        ? this.box.open(corp.addressBookSecretSealed)
        : null,
      callbackToken: this.box.open(corp.callbackTokenSealed),
      encodingAESKey: this.box.open(corp.encodingAesKeySealed),
    };
  }

  private async require(corpId: string): Promise<CorpEntity> {
    const corp = await this.corps.findById(corpId);
    if (!corp) throw CorpException.notFound(corpId);
    return corp;
  }
}
