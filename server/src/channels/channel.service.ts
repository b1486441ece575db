import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { StaffService } from '../staff/staff.service';
import { TagService } from '../tags/tag.service';
import { ContactWaysClient } from '../wecom/areas/contact-ways.client';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { newChannelState } from './channel-state';
import { ChannelException } from './channel.exception';
import { ChannelRepository } from './channel.repository';
import type { ChannelWelcome } from './channel.types';
import {
  ChannelResponseDto,
  CreateChannelDto,
  PoolPreviewDto,
  toChannelResponse,
  toStaffMembers,
  toWelcome,
  UpdateChannelDto,
} from './dto/channel.dto';
import { ChannelEntity, ChannelStatus, ChannelType } from './entities/channel.entity';
import { ChannelPoolService } from './pool/channel-pool.service';
import { AssignmentStrategy, PoolMode } from './strategy/assignment';
import { isValidTimezone, validateWorkingHours } from './strategy/working-hours';

/** WeCom's limits on a contact way (DW 92228). */
export const STATE_MAX = 30;
const REMARK_MAX = 30;
const MAX_MEMBERS = 100;
const WELCOME_TEXT_MAX_BYTES = 4000;

type ChannelDraft = Pick<
  ChannelEntity,
  | 'corpId'
  | 'name'
  | 'folder'
  | 'type'
  | 'strategy'
  | 'skipVerify'
  | 'staff'
  | 'departmentIds'
  | 'timezone'
  | 'tagIds'
  | 'welcome'
  | 'remarkTemplate'
  | 'expiresAt'
> & { id: string; state: string };

/**
 * Channels (渠道活码): create, edit and delete the WeCom contact way behind each one, after
 * checking what WeCom would refuse and saying it per staff member.
 */
@Injectable()
export class ChannelService {
  private readonly logger = new Logger(ChannelService.name);

  constructor(
    private readonly channels: ChannelRepository,
    private readonly pool: ChannelPoolService,
    private readonly contactWays: ContactWaysClient,
    private readonly tags: TagService,
    private readonly staff: StaffService,
  ) {}

  async list(
    corpId: string,
    filter: { folder?: string; q?: string },
  ): Promise<ChannelResponseDto[]> {
    return (await this.channels.list(corpId, filter)).map(toChannelResponse);
  }

  /** The CHANNEL_NAMES port (customers/): channel id → name, deleted channels too. */
  names(corpId: string, channelIds: string[]): Promise<Map<string, string>> {
    return this.channels.names(corpId, [...new Set(channelIds)]);
  }

  async get(corpId: string, id: string): Promise<ChannelResponseDto> {
    return toChannelResponse(await this.require(corpId, id));
  }

  async create(dto: CreateChannelDto, createdBy: string | null): Promise<ChannelResponseDto> {
    const draft: ChannelDraft = {
      id: '',
      corpId: dto.corpId,
      name: dto.name.trim(),
      folder: dto.folder?.trim() ?? '',
      type: dto.type,
      strategy: dto.strategy ?? AssignmentStrategy.RoundRobin,
      skipVerify: dto.skipVerify ?? true,
      staff: toStaffMembers(dto.staff),
      departmentIds: [...new Set(dto.departmentIds ?? [])],
      timezone: dto.timezone ?? 'Asia/Shanghai',
      tagIds: [...new Set(dto.tagIds ?? [])],
      welcome: toWelcome(dto.welcome),
      remarkTemplate: dto.remarkTemplate?.trim() || null,
      expiresAt: dto.expiresAt ?? null,
      state: newChannelState(),
    };
    const plan = await this.check(draft);
    const row = await this.channels.insert({
      ...draft,
      id: undefined,
      status: ChannelStatus.Active,
      createdBy,
    });
    try {
      const res = await this.contactWays.addContactWay(draft.corpId, {
        type: draft.type === ChannelType.Single ? 1 : 2,
        scene: 2,
        remark: draft.name.slice(0, REMARK_MAX),
        skip_verify: draft.skipVerify,
        state: draft.state,
        user: plan.pool,
        ...(plan.party.length ? { party: plan.party } : {}),
      });
      await this.channels.update(draft.corpId, row.id, {
        configId: res.config_id,
        qrCode: res.qr_code ?? null,
        poolUserIds: plan.pool,
        poolMode: plan.mode,
        poolSyncedAt: new Date(),
      });
    } catch (err) {
      await this.channels.hardDelete(draft.corpId, row.id);
      if (err instanceof WecomApiException)
        throw ChannelException.wecomRefused('create the contact way', err);
      throw err;
    }
    this.logger.log({ corpId: draft.corpId, channelId: row.id }, 'channel created');
    return this.get(draft.corpId, row.id);
  }

  async update(corpId: string, id: string, dto: UpdateChannelDto): Promise<ChannelResponseDto> {
    const current = await this.require(corpId, id);
    if (current.status === ChannelStatus.Expired)
      throw ChannelException.immutable(
        'This channel has expired and its QR code was removed in WeCom: create a new channel.',
      );
    if (dto.type !== undefined && dto.type !== current.type)
      throw ChannelException.immutable(
        'WeCom cannot turn a single-person code into a multi-person one (or back): create a new channel instead.',
      );
    const draft: ChannelDraft = {
      id: current.id,
      corpId,
      state: current.state,
      type: current.type,
      name: dto.name?.trim() ?? current.name,
      folder: dto.folder !== undefined ? dto.folder.trim() : current.folder,
      strategy: dto.strategy ?? current.strategy,
      skipVerify: dto.skipVerify ?? current.skipVerify,
      staff: dto.staff !== undefined ? toStaffMembers(dto.staff) : current.staff,
      departmentIds:
        dto.departmentIds !== undefined ? [...new Set(dto.departmentIds)] : current.departmentIds,
      timezone: dto.timezone ?? current.timezone,
      tagIds: dto.tagIds !== undefined ? [...new Set(dto.tagIds)] : current.tagIds,
      welcome: dto.welcome !== undefined ? toWelcome(dto.welcome) : current.welcome,
      remarkTemplate:
        dto.remarkTemplate !== undefined
          ? dto.remarkTemplate?.trim() || null
          : current.remarkTemplate,
      expiresAt: dto.expiresAt !== undefined ? dto.expiresAt : current.expiresAt,
    };
    const plan = await this.check(draft);
    if (current.configId) {
      try {
        await this.contactWays.updateContactWay(corpId, {
          config_id: current.configId,
          remark: draft.name.slice(0, REMARK_MAX),
          skip_verify: draft.skipVerify,
          state: draft.state,
          user: plan.pool,
          ...(plan.party.length ? { party: plan.party } : {}),
        });
      } catch (err) {
        if (err instanceof WecomApiException)
          throw ChannelException.wecomRefused('update the contact way', err);
        throw err;
      }
    }
    const { id: _id, corpId: _corp, state: _state, type: _type, ...changes } = draft;
    await this.channels.update(corpId, id, {
      ...changes,
      poolUserIds: plan.pool,
      poolMode: plan.mode,
      poolSyncedAt: new Date(),
      poolError: null,
    });
    return this.get(corpId, id);
  }

  /** Removes the contact way in WeCom (the QR code stops working), then the channel. */
  async remove(corpId: string, id: string): Promise<void> {
    const channel = await this.require(corpId, id);
    if (channel.configId && channel.status === ChannelStatus.Active) {
      try {
        await this.pool.removeContactWay(corpId, channel.configId);
      } catch (err) {
        if (err instanceof WecomApiException)
          throw ChannelException.wecomRefused('delete the contact way', err);
        throw err;
      }
    }
    await this.channels.softDelete(corpId, id, new Date());
  }

  async previewPool(corpId: string, id: string): Promise<PoolPreviewDto> {
    return this.pool.preview(await this.require(corpId, id));
  }

  /** Runs the pool keeper for this channel now. */
  async syncPool(corpId: string, id: string): Promise<ChannelResponseDto> {
    await this.require(corpId, id);
    await this.pool.sync(corpId, id);
    return this.get(corpId, id);
  }

  private async require(corpId: string, id: string): Promise<ChannelEntity> {
    const channel = await this.channels.findById(corpId, id);
    if (!channel) throw ChannelException.notFound(id);
    return channel;
  }

  /**
   * Everything WeCom would refuse, found before calling it; throws one sentence per problem.
   * Returns the pool to put on the contact way.
   */
  private async check(
    draft: ChannelDraft,
  ): Promise<{ pool: string[]; party: number[]; mode: PoolMode }> {
    await this.refuseUnknownDepartments(draft);
    const problems: Record<string, string[]> = {};
    const add = (field: string, sentence: string) => (problems[field] ??= []).push(sentence);

    if (draft.state.length > STATE_MAX)
      add('state', `The channel's state "${draft.state}" is longer than WeCom's 30 characters.`);
    if (!isValidTimezone(draft.timezone))
      add('timezone', `"${draft.timezone}" is not a known time zone.`);
    if (draft.staff.length === 0 && draft.departmentIds.length === 0)
      add('staff', 'A channel needs at least one staff member or department.');
    const seen = new Set<string>();
    for (const m of draft.staff) {
      if (seen.has(m.userId)) add(`staff.${m.userId}`, `${m.userId} is listed twice.`);
      seen.add(m.userId);
      if (m.hours)
        for (const p of validateWorkingHours(m.hours))
          add(`staff.${m.userId}.hours`, `Working hours of ${m.userId}: ${p}.`);
    }
    if (
      draft.staff.filter((m) => !m.backup).length === 0 &&
      draft.staff.length > 0 &&
      !draft.departmentIds.length
    )
      add('staff', 'Every staff member is a backup: mark at least one as a regular member.');
    this.checkWelcome(draft.welcome, add);
    // the pool is planned in these time zones: an unknown one is refused before planning
    if (Object.keys(problems).some((f) => f === 'timezone' || f.endsWith('.hours')))
      throw ChannelException.precheck(problems);

    const known = await this.tags.knownTagIds(draft.corpId, draft.tagIds);
    if (known)
      for (const t of draft.tagIds)
        if (!known.has(t)) add('tagIds', `Tag ${t} does not exist in WeCom (or was deleted).`);

    const resolved = await this.pool.resolve({ ...draft, id: draft.id || '' }, new Date());
    for (const [userId, sentence] of Object.entries(resolved.problems))
      if (draft.staff.some((m) => m.userId === userId)) add(`staff.${userId}`, sentence);
    if (resolved.members.length > MAX_MEMBERS)
      add(
        'staff',
        `A contact way can list at most ${MAX_MEMBERS} members; this pool has ${resolved.members.length}.`,
      );
    if (draft.type === ChannelType.Single && resolved.party.length)
      add(
        'departmentIds',
        'A single-person code cannot list departments in WeCom, and the department list is not synced yet: list staff members instead.',
      );
    if (
      Object.keys(problems).length === 0 &&
      resolved.plan.pool.length === 0 &&
      resolved.party.length === 0
    )
      add('staff', 'Nobody in this pool can receive customers.');
    if (Object.keys(problems).length) throw ChannelException.precheck(problems);
    return { pool: resolved.plan.pool, party: resolved.party, mode: resolved.plan.mode };
  }

  /** departmentIds the synced department mirror does not have: a 400 naming the field. */
  private async refuseUnknownDepartments(draft: ChannelDraft): Promise<void> {
    if (!draft.departmentIds.length) return;
    const tree = await this.staff.departmentTree(draft.corpId);
    if (!tree.length) return; // not synced yet: WeCom checks them itself
    const known = new Set(tree.map((d) => d.id));
    const unknown = draft.departmentIds.filter((id) => !known.has(id));
    if (!unknown.length) return;
    const message = `departmentIds: no department ${unknown.join(', ')} in this corp`;
    throw new AppException('VALIDATION_FAILED', `Invalid ${message}`, HttpStatus.BAD_REQUEST, {
      departmentIds: [message],
    });
  }

  private checkWelcome(
    welcome: ChannelWelcome | null,
    add: (field: string, sentence: string) => void,
  ): void {
    if (!welcome) return;
    if (welcome.text && Buffer.byteLength(welcome.text) > WELCOME_TEXT_MAX_BYTES)
      add('welcome.text', 'The welcome text is longer than WeCom’s 4,000 bytes.');
    (welcome.attachments ?? []).forEach((a, i) => {
      const field = `welcome.attachments.${i}`;
      if (a.type === 'image' && !a.mediaId && !a.picUrl)
        add(field, `Attachment ${i + 1}: an image needs a media id or a picture URL.`);
      if (a.type === 'link' && (!a.title || !a.url))
        add(field, `Attachment ${i + 1}: a link needs a title and a URL.`);
      if (a.type === 'miniprogram' && (!a.title || !a.appId || !a.page || !a.picMediaId))
        add(
          field,
          `Attachment ${i + 1}: a mini program needs a title, an appid, a page and a cover media id.`,
        );
    });
  }
}
