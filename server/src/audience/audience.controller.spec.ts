import request from 'supertest';
import { Role } from '../admin/auth/role';
import {
  errorOf,
  SLICE_CORP_ID as CORP_ID,
  useHttpSlice,
  validationFailureOf,
} from '../common/testing/http-slice';
import { AudienceController } from './audience.controller';
import { AudienceException } from './audience.exception';
import { AudienceService } from './audience.service';
import { SegmentService } from './segments/segment.service';
import { SegmentsController } from './segments/segments.controller';

const COUNT = `/api/admin/corps/${CORP_ID}/audience/count`;
const SEGMENTS = `/api/admin/corps/${CORP_ID}/segments`;

describe('audience filter and segments over HTTP', () => {
  const audience = { count: jest.fn() };
  const segments = {
    list: jest.fn(),
    get: jest.fn(),
    create: jest.fn(),
    update: jest.fn(),
    delete: jest.fn(),
    refreshCount: jest.fn(),
  };
  const slice = useHttpSlice({
    controllers: [AudienceController, SegmentsController],
    providers: [
      { provide: AudienceService, useValue: audience },
      { provide: SegmentService, useValue: segments },
    ],
  });
  const as = (role: Role) => ({ Authorization: `Bearer ${slice.tokens[role]}` });

  const fullFilter = {
    tags: [
      { op: 'any', tagIds: ['et1', 'et2'] },
      { op: 'none', tagIds: ['et3'] },
    ],
    staffUserIds: ['lina'],
    departmentIds: [2],
    channelIds: ['12'],
    addedFrom: '2026-09-01T00:00:00+08:00',
    addedTo: '2026-12-01',
    genders: [2],
    customerTypes: [1],
    relationStatus: ['active', 'deleted_by_customer'],
    groups: { chatIds: ['wrAbc'] },
    lastChatFrom: '2026-11-01',
    search: '奶粉',
  };

  it('counts a full filter, passing it through typed', async () => {
    audience.count.mockResolvedValue(42);
    const res = await slice.post(COUNT).send({ filter: fullFilter });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 42, countedAt: expect.any(String) });
    expect(audience.count).toHaveBeenCalledWith(CORP_ID, fullFilter);
  });

  it.each([
    ['no filter', {}, ['filter']],
    [
      'an unknown tag op',
      { filter: { tags: [{ op: 'some', tagIds: ['et1'] }] } },
      ['filter.tags[0].op'],
    ],
    [
      'an empty tag list',
      { filter: { tags: [{ op: 'any', tagIds: [] }] } },
      ['filter.tags[0].tagIds'],
    ],
    [
      'a tag id with spaces, in the second group',
      {
        filter: {
          tags: [
            { op: 'any', tagIds: ['et1'] },
            { op: 'all', tagIds: ['et 2'] },
          ],
        },
      },
      ['filter.tags[1].tagIds'],
    ],
    [
      'a staff userid with spaces',
      { filter: { staffUserIds: ['li na'] } },
      ['filter.staffUserIds'],
    ],
    [
      'a department that is not a number',
      { filter: { departmentIds: ['2'] } },
      ['filter.departmentIds'],
    ],
    [
      'a channel id that is not a row id',
      { filter: { channelIds: ['ch_x'] } },
      ['filter.channelIds'],
    ],
    [
      'an addedFrom without a time zone',
      { filter: { addedFrom: '2026-09-01T08:00:00' } },
      ['filter.addedFrom'],
    ],
    [
      'an addedTo on a day that does not exist',
      { filter: { addedTo: '2026-02-30' } },
      ['filter.addedTo'],
    ],
    ['an unknown gender', { filter: { genders: [3] } }, ['filter.genders']],
    ['an unknown customer type', { filter: { customerTypes: [0] } }, ['filter.customerTypes']],
    [
      'an unknown relation status',
      { filter: { relationStatus: ['blocked'] } },
      ['filter.relationStatus'],
    ],
    [
      'groups none with chat ids',
      { filter: { groups: { none: true, chatIds: ['wr1'] } } },
      ['filter.groups.none'],
    ],
    ['a search of 65 characters', { filter: { search: 'x'.repeat(65) } }, ['filter.search']],
    ['a field the filter does not know', { filter: { tagIds: ['et1'] } }, ['filter.tagIds']],
  ])('answers 400 to %s, naming the field', async (_, body, fields) => {
    const res = await slice.post(COUNT).send(body);
    expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
    expect(audience.count).not.toHaveBeenCalled();
  });

  it('lets a viewer list segments but not create, rename, count or delete them', async () => {
    segments.list.mockResolvedValue([]);
    expect((await slice.get(SEGMENTS, Role.Viewer)).status).toBe(200);
    const server = slice.app.getHttpServer();
    const body = { name: '宝妈', filter: {} };
    expect(errorOf(await slice.post(SEGMENTS, Role.Viewer).send(body)).status).toBe(403);
    expect(
      (await request(server).patch(`${SEGMENTS}/1`).set(as(Role.Viewer)).send({ name: 'x' }))
        .status,
    ).toBe(403);
    expect((await request(server).delete(`${SEGMENTS}/1`).set(as(Role.Viewer))).status).toBe(403);
    expect((await slice.post(`${SEGMENTS}/1/count`, Role.Viewer)).status).toBe(403);
    expect(segments.create).not.toHaveBeenCalled();
    expect(segments.update).not.toHaveBeenCalled();
    expect(segments.delete).not.toHaveBeenCalled();
  });

  const row = {
    id: '5',
    corpId: CORP_ID,
    name: '宝妈',
    filter: { tags: [{ op: 'any', tagIds: ['et1'] }] },
    customerCount: 3,
    countedAt: new Date('2026-12-01T04:00:00Z'),
    createdBy: 'manager',
    createdAt: new Date('2026-12-01T04:00:00Z'),
    updatedAt: new Date('2026-12-01T04:00:00Z'),
  };

  it('creates a segment for a manager (trimmed name, validated filter) and answers its count', async () => {
    segments.create.mockResolvedValue(row);
    const res = await slice
      .post(SEGMENTS, Role.Manager)
      .send({ name: '  宝妈 ', filter: { tags: [{ op: 'any', tagIds: ['et1'] }] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: '5',
      name: '宝妈',
      customerCount: 3,
      countedAt: '2026-12-01T04:00:00.000Z',
    });
    expect(segments.create).toHaveBeenCalledWith(
      CORP_ID,
      { name: '宝妈', filter: { tags: [{ op: 'any', tagIds: ['et1'] }] } },
      'manager',
    );
  });

  it.each([
    ['an empty name', { name: '  ', filter: {} }, ['name']],
    ['a name of 65 characters', { name: 'x'.repeat(65), filter: {} }, ['name']],
    [
      'a bad filter',
      { name: 'ok', filter: { tags: [{ op: 'x', tagIds: ['et1'] }] } },
      ['filter.tags[0].op'],
    ],
  ])('refuses a segment with %s (400 naming the field)', async (_, body, fields) => {
    const res = await slice.post(SEGMENTS, Role.Manager).send(body);
    expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
  });

  it('answers 409 to a taken name and 404 to an unknown segment', async () => {
    segments.create.mockRejectedValue(AudienceException.segmentNameTaken('宝妈'));
    const taken = await slice.post(SEGMENTS, Role.Manager).send({ name: '宝妈', filter: {} });
    expect(errorOf(taken)).toEqual({ status: 409, code: 'SEGMENT_NAME_TAKEN' });
    segments.refreshCount.mockRejectedValue(AudienceException.segmentNotFound(CORP_ID, '9'));
    const missing = await slice.post(`${SEGMENTS}/9/count`, Role.Manager);
    expect(errorOf(missing)).toEqual({ status: 404, code: 'SEGMENT_NOT_FOUND' });
    const badId = await slice.post(`${SEGMENTS}/x/count`, Role.Manager);
    expect(validationFailureOf(badId).fields).toEqual(['id']);
  });
});
