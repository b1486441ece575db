import {
  classDeltas,
  classesFromRows,
  classOf,
  COUNT_BITS,
  countOf,
  statusBits,
} from './customer-counts.rules';

describe('customer counts: classes', () => {
  const { active, deleted_by_customer: byCustomer, deleted_by_staff: byStaff, row } = COUNT_BITS;

  it('a class is the customer row plus one bit per counted status (transferred_out has none)', () => {
    expect(classOf(true, ['active', 'active'])).toBe(row | active);
    expect(classOf(false, ['deleted_by_staff', 'transferred_out'])).toBe(byStaff);
    expect(classOf(true, ['transferred_out'])).toBe(row);
    expect(statusBits(['deleted_by_customer', 'active'])).toBe(active | byCustomer);
  });

  it('moves each changed customer out of its old class and into its new one', () => {
    const before = new Map([
      ['a', row | active], // deleted by the customer: active → deleted_by_customer
      ['b', row | active], // unchanged
      ['c', row | active | byCustomer], // re-added elsewhere, still the same class
    ]);
    const after = new Map([
      ['a', row | byCustomer],
      ['b', row | active],
      ['c', row | active | byCustomer],
      ['d', row | active], // a new customer
    ]);
    // a leaves row|active and d enters it: only row|byCustomer changes
    expect(classDeltas(before, after)).toEqual(new Map([[row | byCustomer, 1]]));
    expect(classDeltas(new Map([['a', row | active]]), new Map())).toEqual(
      new Map([[row | active, -1]]),
    );
  });

  it('drops classes whose moves cancel out', () => {
    const d = classDeltas(new Map([['a', row | active]]), new Map([['b', row | active]]));
    expect(d.size).toBe(0);
  });

  it('counts the customers with a relation in the statuses, with or without a customer row', () => {
    const classes = new Map([
      [0, 0],
      [row | active, 100],
      [active, 3], // relations whose customer row the mirror does not have
      [row | byCustomer, 20],
      [row | active | byStaff, 5],
      [row, 7],
    ]);
    expect(countOf(classes, ['active'], false)).toBe(108);
    expect(countOf(classes, ['active'], true)).toBe(105);
    expect(countOf(classes, ['deleted_by_customer', 'deleted_by_staff'], true)).toBe(25);
    expect(countOf(classes, [], true)).toBe(0);
  });

  it('a corp without its marker row was never counted', () => {
    expect(classesFromRows([{ mask: '9', n: '4' }])).toBeNull();
    expect(
      classesFromRows([
        { mask: 0, n: '0' },
        { mask: '9', n: '4' },
      ]),
    ).toEqual(
      new Map([
        [0, 0],
        [9, 4],
      ]),
    );
  });
});
