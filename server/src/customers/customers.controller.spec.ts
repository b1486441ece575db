import { Role } from '../admin/auth/role';
import {
  errorOf,
  itRefusesCallersWithoutAdminSession,
  SLICE_CORP_ID as CORP_ID,
  useHttpSlice,
  validationFailureOf,
} from '../common/testing/http-slice';
import { CustomersController } from './customers.controller';
import { CustomersException } from './customers.exception';
import { CustomersService } from './customers.service';
import { ListCustomersQueryDto } from './dto/customer.dto';

const EXTERNAL_ID = 'wmCustomer01';
const LIST = '/api/admin/customers';
const DETAIL = `${LIST}/${CORP_ID}/${EXTERNAL_ID}`;
const TIMELINE = `${DETAIL}/timeline`;

/** A list query: the given parameters on top of a valid corpId. */
const withCorp = (q: Record<string, string>) => ({ corpId: CORP_ID, ...q });

describe('CustomersController over HTTP', () => {
  const customers = { list: jest.fn(), detail: jest.fn(), listTimeline: jest.fn() };
  const slice = useHttpSlice({
    controllers: [CustomersController],
    providers: [{ provide: CustomersService, useValue: customers }],
  });

  describe('authentication', () => {
    itRefusesCallersWithoutAdminSession(
      slice,
      'reads the mirror',
      (caller) => slice.get(LIST, caller).query({ corpId: CORP_ID }),
      customers.list,
    );

    it('accepts the Bearer scheme in any case (RFC 7235)', async () => {
      customers.list.mockResolvedValue({ items: [], nextCursor: null });
      const res = await slice
        .get(LIST, { authorization: `bearer ${slice.tokens[Role.Viewer]}` })
        .query({ corpId: CORP_ID });
      expect(res.status).toBe(200);
    });

    it('checks the session before the query: no token and a bad query is a 401, not a 400', async () => {
      const res = await slice.get(LIST, 'anonymous').query({ corpId: 'x', limit: 0 });
      expect(errorOf(res)).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
      expect(res.body.errors).toBeUndefined();
    });
  });

  describe('GET /api/admin/customers', () => {
    const page = {
      items: [{ id: '42', externalUserId: EXTERNAL_ID, name: 'Li Lei', follows: [] }],
      nextCursor: '42',
    };

    it.each([Role.Viewer, Role.Manager, Role.Admin])(
      'lets the %s role read a page, answering what the service returned',
      async (role) => {
        customers.list.mockResolvedValue(page);
        const res = await slice.get(LIST, role).query({ corpId: CORP_ID });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(page);
        expect(customers.list).toHaveBeenCalledWith({ corpId: CORP_ID });
      },
    );

    it('passes every filter to the service parsed and typed', async () => {
      customers.list.mockResolvedValue({ items: [], nextCursor: null });
      const res = await slice.get(LIST).query({
        corpId: CORP_ID,
        userId: 'zhang.san@shop',
        state: 'poster-2024',
        status: 'deleted_by_customer',
        q: 'Li',
        addedFrom: '2024-01-01T00:00:00.000Z',
        addedTo: '2024-02-01T08:00:00+08:00',
        cursor: '12345',
        limit: '20',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
      expect(customers.list).toHaveBeenCalledTimes(1);
      const [q] = customers.list.mock.calls[0];
      expect(q).toBeInstanceOf(ListCustomersQueryDto);
      expect(q).toEqual({
        corpId: CORP_ID,
        userId: 'zhang.san@shop',
        state: 'poster-2024',
        status: 'deleted_by_customer',
        q: 'Li',
        addedFrom: new Date('2024-01-01T00:00:00.000Z'),
        addedTo: new Date('2024-02-01T00:00:00.000Z'),
        cursor: '12345',
        limit: 20,
      });
      expect(typeof q.limit).toBe('number');
      expect(q.addedFrom).toBeInstanceOf(Date);
      expect(q.addedTo).toBeInstanceOf(Date);
    });

    it.each([
      ['a missing corpId', {}, ['corpId']],
      ['a corpId shorter than 6', { corpId: 'ww1' }, ['corpId']],
      ['a corpId with spaces', { corpId: 'ww corp 01' }, ['corpId']],
      ['a userId with spaces', withCorp({ userId: 'zhang san' }), ['userId']],
      ['a userId longer than 64', withCorp({ userId: 'u'.repeat(65) }), ['userId']],
      ['a state longer than 64', withCorp({ state: 's'.repeat(65) }), ['state']],
      ['an unknown status', withCorp({ status: 'blocked' }), ['status']],
      ['an empty search', withCorp({ q: '' }), ['q']],
      ['a search longer than 64', withCorp({ q: 'q'.repeat(65) }), ['q']],
      ['an addedFrom that is not a date', withCorp({ addedFrom: 'yesterday' }), ['addedFrom']],
      ['an addedTo that is not a date', withCorp({ addedTo: '2024-13-45' }), ['addedTo']],
      ['an addedFrom that is a bare number', withCorp({ addedFrom: '12' }), ['addedFrom']],
      [
        'an addedFrom on a day that does not exist',
        withCorp({ addedFrom: '2024-02-30' }),
        ['addedFrom'],
      ],
      ['an addedTo without a time zone', withCorp({ addedTo: '2024-02-01T08:00:00' }), ['addedTo']],
      ['a cursor that is not base64url', withCorp({ cursor: 'a+b/c' }), ['cursor']],
      ['a cursor longer than 400', withCorp({ cursor: 'a'.repeat(401) }), ['cursor']],
      ['an unknown sort', withCorp({ sort: 'id' }), ['sort']],
      ['an unknown order', withCorp({ order: 'up' }), ['order']],
      ['limit=0', withCorp({ limit: '0' }), ['limit']],
      ['limit=abc', withCorp({ limit: 'abc' }), ['limit']],
      ['limit=1.5', withCorp({ limit: '1.5' }), ['limit']],
      ['limit=201', withCorp({ limit: '201' }), ['limit']],
      ['limit=10000', withCorp({ limit: '10000' }), ['limit']],
      ['a parameter the route does not know', withCorp({ sortBy: 'name' }), ['sortBy']],
      [
        'a bad status and a bad limit together',
        withCorp({ status: 'x', limit: '-1' }),
        ['limit', 'status'],
      ],
    ])('answers 400 to %s, naming the field', async (_, query, fields) => {
      const res = await slice.get(LIST).query(query);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(customers.list).not.toHaveBeenCalled();
    });

    it('answers 400 to a filter given twice', async () => {
      const res = await slice.get(LIST).query(`corpId=${CORP_ID}&state=a&state=b`);
      expect(validationFailureOf(res).fields).toEqual(['state']);
      expect(customers.list).not.toHaveBeenCalled();
    });

    it('gives the 400 the documented error body: a message naming the field and a requestId', async () => {
      const res = await slice.get(LIST).query({ corpId: CORP_ID, limit: 'abc' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/^Invalid limit: /),
        errors: { limit: expect.arrayContaining([expect.any(String)]) },
        requestId: expect.stringMatching(/.+/),
      });
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
    });
  });

  describe('GET /api/admin/customers/:corpId/:externalUserId', () => {
    it('answers the customer the service found, looked up by corp and external id', async () => {
      const detail = { customer: { externalUserId: EXTERNAL_ID }, follows: [], groups: [] };
      customers.detail.mockResolvedValue(detail);
      const res = await slice.get(DETAIL);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(detail);
      expect(customers.detail).toHaveBeenCalledWith(CORP_ID, EXTERNAL_ID);
    });

    it('asks for the chat rules’ evidence sentences for admins only (chat content)', async () => {
      customers.detail.mockResolvedValue({ follows: [] });
      await slice.get(DETAIL, Role.Manager).expect(200);
      expect(customers.detail).toHaveBeenLastCalledWith(CORP_ID, EXTERNAL_ID);
      await slice.get(DETAIL, Role.Admin).expect(200);
      expect(customers.detail).toHaveBeenLastCalledWith(CORP_ID, EXTERNAL_ID, true);
    });

    it('answers 404 CUSTOMER_NOT_FOUND when the mirror has no such customer', async () => {
      customers.detail.mockRejectedValue(CustomersException.notFound(CORP_ID, EXTERNAL_ID));
      const res = await slice.get(DETAIL);
      expect(errorOf(res)).toEqual({ status: 404, code: 'CUSTOMER_NOT_FOUND' });
      expect(res.body.message).toBe(`Customer ${EXTERNAL_ID} of corp ${CORP_ID} not found`);
    });

    it.each([
      ['a corpId shorter than 6', `${LIST}/ww1/${EXTERNAL_ID}`, ['corpId']],
      ['a corpId with a bad character', `${LIST}/ww*corp01/${EXTERNAL_ID}`, ['corpId']],
      ['an externalUserId with a space', `${LIST}/${CORP_ID}/wm%20bad`, ['externalUserId']],
      [
        'an externalUserId longer than 64',
        `${LIST}/${CORP_ID}/${'w'.repeat(65)}`,
        ['externalUserId'],
      ],
    ])('answers 400 to %s, naming the field', async (_, path, fields) => {
      const res = await slice.get(path);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(customers.detail).not.toHaveBeenCalled();
    });
  });

  describe('GET /api/admin/customers/:corpId/:externalUserId/timeline', () => {
    it('passes the cursor and a numeric limit to the service and answers its entries', async () => {
      const entries = [{ id: '98', kind: 'tagged', userId: 'zhangsan', detail: null }];
      customers.listTimeline.mockResolvedValue(entries);
      const res = await slice.get(TIMELINE).query({ beforeId: '99', limit: '10' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(entries);
      expect(customers.listTimeline).toHaveBeenCalledWith(CORP_ID, EXTERNAL_ID, '99', 10);
    });

    it('leaves the cursor and limit to the service when not given', async () => {
      customers.listTimeline.mockResolvedValue([]);
      const res = await slice.get(TIMELINE);
      expect(res.status).toBe(200);
      expect(customers.listTimeline).toHaveBeenCalledWith(
        CORP_ID,
        EXTERNAL_ID,
        undefined,
        undefined,
      );
    });

    it.each([
      ['a beforeId that is not a row id', `${TIMELINE}?beforeId=abc`, ['beforeId']],
      ['limit=0', `${TIMELINE}?limit=0`, ['limit']],
      ['limit=abc', `${TIMELINE}?limit=abc`, ['limit']],
      ['limit=10000', `${TIMELINE}?limit=10000`, ['limit']],
      ['a parameter the route does not know', `${TIMELINE}?after=3`, ['after']],
      ['a bad corpId in the path', `${LIST}/ww1/${EXTERNAL_ID}/timeline`, ['corpId']],
    ])('answers 400 to %s, naming the field', async (_, path, fields) => {
      const res = await slice.get(path);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(customers.listTimeline).not.toHaveBeenCalled();
    });
  });
});
