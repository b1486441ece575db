import request from 'supertest';
import { Role } from '../admin/auth/role';
import {
  errorOf,
  itRefusesCallersWithoutAdminSession,
  SLICE_CORP_ID as CORP_ID,
  useHttpSlice,
  validationFailureOf,
} from '../common/testing/http-slice';
import { TagLibraryService } from './library/tag-library.service';
import { TagService } from './tag.service';
import { TagsController } from './tags.controller';
import { TagsException } from './tags.exception';

const TAGS = '/api/admin/tags';

describe('TagsController over HTTP', () => {
  const tags = { listGroupsWithTags: jest.fn() };
  const library = {
    createGroup: jest.fn(),
    edit: jest.fn(),
    reorder: jest.fn(),
    remove: jest.fn(),
  };
  const slice = useHttpSlice({
    controllers: [TagsController],
    providers: [
      { provide: TagService, useValue: tags },
      { provide: TagLibraryService, useValue: library },
    ],
  });

  describe('authentication', () => {
    itRefusesCallersWithoutAdminSession(
      slice,
      'reads the tag library',
      (caller) => slice.get(TAGS, caller).query({ corpId: CORP_ID }),
      tags.listGroupsWithTags,
    );
  });

  describe('GET /api/admin/tags', () => {
    const library = [
      {
        groupId: 'etGroup01',
        name: 'Level',
        sortOrder: 1,
        createTime: 1700000000,
        tags: [{ tagId: 'etTag01', name: 'VIP', sortOrder: 1, createTime: 1700000000 }],
      },
    ];

    it.each([Role.Viewer, Role.Manager, Role.Admin])(
      'lets the %s role read the tag library of the corp, answering what the service returned',
      async (role) => {
        tags.listGroupsWithTags.mockResolvedValue(library);
        const res = await slice.get(TAGS, role).query({ corpId: CORP_ID });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(library);
        expect(tags.listGroupsWithTags).toHaveBeenCalledWith(CORP_ID);
      },
    );

    it.each([
      ['a missing corpId', {}, ['corpId']],
      ['an empty corpId', { corpId: '' }, ['corpId']],
      ['a corpId shorter than 6', { corpId: 'ww1' }, ['corpId']],
      ['a corpId longer than 64', { corpId: 'w'.repeat(65) }, ['corpId']],
      ['a corpId with a bad character', { corpId: "ww01' OR 1=1" }, ['corpId']],
      [
        'a parameter the route does not know',
        { corpId: CORP_ID, groupId: 'etGroup01' },
        ['groupId'],
      ],
    ])('answers 400 to %s, naming the field', async (_, query, fields) => {
      const res = await slice.get(TAGS).query(query);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(tags.listGroupsWithTags).not.toHaveBeenCalled();
    });

    it('answers 400 to a corpId given twice', async () => {
      const res = await slice.get(TAGS).query(`corpId=${CORP_ID}&corpId=wwother0001`);
      expect(validationFailureOf(res).fields).toEqual(['corpId']);
      expect(tags.listGroupsWithTags).not.toHaveBeenCalled();
    });

    it('answers a generic 500 when the service fails unexpectedly, without leaking the cause', async () => {
      tags.listGroupsWithTags.mockRejectedValue(new Error("ER_NO_SUCH_TABLE: Table 'tag' missing"));
      const res = await slice.get(TAGS).query({ corpId: CORP_ID });
      expect(errorOf(res)).toEqual({ status: 500, code: 'INTERNAL_ERROR' });
      expect(res.body.message).toBe('Internal server error');
      expect(JSON.stringify(res.body)).not.toContain('ER_NO_SUCH_TABLE');
    });
  });

  describe('changes to the library', () => {
    const patch = (path: string) =>
      request(slice.app.getHttpServer())
        .patch(path)
        .set('Authorization', `Bearer ${slice.tokens[Role.Manager]}`);

    it('lets a manager create a group, passing the admin as the actor', async () => {
      library.createGroup.mockResolvedValue({ groupId: 'etG', tagIds: ['etT'] });
      const res = await slice
        .post(`${TAGS}/groups`, Role.Manager)
        .send({ corpId: CORP_ID, name: '等级', tags: [{ name: '金卡', order: 2 }] });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ groupId: 'etG', tagIds: ['etT'] });
      expect(library.createGroup).toHaveBeenCalledWith(
        CORP_ID,
        expect.objectContaining({ name: '等级', tags: [{ name: '金卡', order: 2 }] }),
        expect.anything(),
      );
    });

    it('refuses a viewer', async () => {
      const res = await slice
        .post(`${TAGS}/groups`, Role.Viewer)
        .send({ corpId: CORP_ID, name: '等级', tags: [{ name: '金卡' }] });
      expect(res.status).toBe(403);
      expect(library.createGroup).not.toHaveBeenCalled();
    });

    it.each([
      ['an order below 0', { corpId: CORP_ID, order: -1 }, ['order']],
      ['an order of 2^32', { corpId: CORP_ID, order: 4294967296 }, ['order']],
      ['a name that is not a string', { corpId: CORP_ID, name: 7 }, ['name']],
    ])('answers 400 to %s on PATCH, naming the field', async (_, body, fields) => {
      const res = await patch(`${TAGS}/etTag01`).send(body);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(library.edit).not.toHaveBeenCalled();
    });

    it("answers a WeCom rule's 400 with its Chinese sentence and field", async () => {
      library.edit.mockRejectedValue(
        TagsException.rule({ name: ['名称最多 30 个字符（企业微信的限制）'] }),
      );
      const res = await patch(`${TAGS}/etTag01`).send({ corpId: CORP_ID, name: '长'.repeat(31) });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'TAG_RULE_BROKEN',
        errors: { name: ['名称最多 30 个字符（企业微信的限制）'] },
      });
    });
  });
});
