import { CustomersException } from './customers.exception';
import { CustomersService } from './customers.service';

function setup(opts: { entries: unknown[]; customer: unknown }) {
  const customers = { findByExternalUserId: jest.fn().mockResolvedValue(opts.customer) };
  const timeline = { list: jest.fn().mockResolvedValue(opts.entries) };
  const tags = { tagNames: jest.fn().mockResolvedValue(new Map()) };
  const service = new CustomersService(
    customers as never,
    {} as never,
    {} as never,
    tags as never,
    timeline as never,
    {} as never,
    {} as never,
    {} as never,
    {} as never,
  );
  return { service, customers };
}

const entry = {
  id: '9',
  kind: 'added',
  userId: 'lina',
  detail: {},
  occurredAt: new Date(0),
  createdAt: new Date(0),
};

describe('CustomersService.listTimeline', () => {
  it('answers 404 for a customer the mirror never knew, as the detail does', async () => {
    const { service } = setup({ entries: [], customer: null });
    await expect(service.listTimeline('wwcorp01', 'wmnobody', undefined)).rejects.toBeInstanceOf(
      CustomersException,
    );
  });

  it('answers an empty page for a known customer without entries, and past the last page', async () => {
    const { service, customers } = setup({ entries: [], customer: { id: '1' } });
    await expect(service.listTimeline('wwcorp01', 'wm1', undefined)).resolves.toEqual([]);
    customers.findByExternalUserId.mockResolvedValue(null);
    await expect(service.listTimeline('wwcorp01', 'wm1', '5')).resolves.toEqual([]);
  });

  it('answers entries without looking the customer up', async () => {
    const { service, customers } = setup({ entries: [entry], customer: null });
    await expect(service.listTimeline('wwcorp01', 'wm1', undefined)).resolves.toHaveLength(1);
    expect(customers.findByExternalUserId).not.toHaveBeenCalled();
  });
});
