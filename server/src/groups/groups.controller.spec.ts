import { Role } from '../admin/auth/role';
import {
  errorOf,
  itRefusesCallersWithoutAdminSession,
  SLICE_CORP_ID as CORP_ID,
  useHttpSlice,
  validationFailureOf,
} from '../common/testing/http-slice';
import { ListGroupsQueryDto } from './dto/group.dto';
import { GroupException } from './group.exception';
import { GroupService } from './group.service';
import { GroupsController } from './groups.controller';

const CHAT_ID = 'wrGroupChat01';
const LIST = '/api/admin/groups';
const DETAIL = `${LIST}/${CORP_ID}/${CHAT_ID}`;

/** A list query: the given parameters on top of a valid corpId. */
const withCorp = (q: Record<string, string>) => ({ corpId: CORP_ID, ...q });

describe('GroupsController over HTTP', () => {
  const groups = { list: jest.fn(), get: jest.fn() };
  const slice = useHttpSlice({
    controllers: [GroupsController],
    providers: [{ provide: GroupService, useValue: groups }],
  });

  describe('authentication', () => {
    itRefusesCallersWithoutAdminSession(
      slice,
      'reads the group mirror',
      (caller) => slice.get(DETAIL, caller),
      groups.get,
    );
  });

  describe('GET /api/admin/groups', () => {
    const chats = [{ chatId: CHAT_ID, name: 'VIP', ownerUserId: 'zhangsan', memberCount: 3 }];

    it.each([Role.Viewer, Role.Manager, Role.Admin])(
      'lets the %s role list the groups, answering what the service returned',
      async (role) => {
        groups.list.mockResolvedValue(chats);
        const res = await slice.get(LIST, role).query({ corpId: CORP_ID });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(chats);
        expect(groups.list).toHaveBeenCalledWith({ corpId: CORP_ID });
      },
    );

    it('passes the owner, cursor and a numeric limit to the service', async () => {
      groups.list.mockResolvedValue([]);
      await slice
        .get(LIST)
        .query(withCorp({ ownerUserId: 'zhangsan', cursor: 'wrGroupChat00', limit: '25' }))
        .expect(200);
      const [q] = groups.list.mock.calls[0];
      expect(q).toBeInstanceOf(ListGroupsQueryDto);
      expect(q).toEqual({
        corpId: CORP_ID,
        ownerUserId: 'zhangsan',
        cursor: 'wrGroupChat00',
        limit: 25,
      });
    });

    it.each([
      ['a missing corpId', {}, ['corpId']],
      ['a corpId shorter than 6', { corpId: 'ww1' }, ['corpId']],
      ['an ownerUserId longer than 64', withCorp({ ownerUserId: 'u'.repeat(65) }), ['ownerUserId']],
      ['a cursor longer than 64', withCorp({ cursor: 'c'.repeat(65) }), ['cursor']],
      ['an ownerUserId with a quote', withCorp({ ownerUserId: "zhang'san" }), ['ownerUserId']],
      ['a cursor with a space', withCorp({ cursor: 'wr chat' }), ['cursor']],
      ['limit=0', withCorp({ limit: '0' }), ['limit']],
      ['limit=abc', withCorp({ limit: 'abc' }), ['limit']],
      ['limit=201', withCorp({ limit: '201' }), ['limit']],
      ['limit=10000', withCorp({ limit: '10000' }), ['limit']],
      ['a parameter the route does not know', withCorp({ dismissed: 'true' }), ['dismissed']],
    ])('answers 400 to %s, naming the field', async (_, query, fields) => {
      const res = await slice.get(LIST).query(query);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(groups.list).not.toHaveBeenCalled();
    });

    it.each(['ownerUserId', 'cursor'])('answers 400 to %s given twice', async (field) => {
      const res = await slice.get(LIST).query(`corpId=${CORP_ID}&${field}=a&${field}=b`);
      expect(validationFailureOf(res).fields).toEqual([field]);
      expect(groups.list).not.toHaveBeenCalled();
    });
  });

  describe('GET /api/admin/groups/:corpId/:chatId', () => {
    it('answers the group the service found, looked up by corp and chat id', async () => {
      const detail = { chatId: CHAT_ID, name: 'VIP', members: [{ memberId: 'wmCustomer01' }] };
      groups.get.mockResolvedValue(detail);
      const res = await slice.get(DETAIL, Role.Viewer);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(detail);
      expect(groups.get).toHaveBeenCalledWith(CORP_ID, CHAT_ID);
    });

    it('answers 404 GROUP_NOT_FOUND when the mirror has no such group', async () => {
      groups.get.mockRejectedValue(GroupException.notFound(CORP_ID, CHAT_ID));
      const res = await slice.get(DETAIL);
      expect(errorOf(res)).toEqual({ status: 404, code: 'GROUP_NOT_FOUND' });
      expect(res.body.message).toBe(`Group chat ${CHAT_ID} of corp ${CORP_ID} not found`);
    });

    it.each([
      ['a corpId shorter than 6', `${LIST}/ww1/${CHAT_ID}`, ['corpId']],
      ['a corpId with a bad character', `${LIST}/ww.corp01/${CHAT_ID}`, ['corpId']],
      ['a chatId longer than 64', `${LIST}/${CORP_ID}/${'c'.repeat(65)}`, ['chatId']],
    ])('answers 400 to %s, naming the field', async (_, path, fields) => {
      const res = await slice.get(path);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(groups.get).not.toHaveBeenCalled();
    });
  });
});
