import { join } from 'node:path';
import { checkOwnership } from './table-ownership';

/**
 * The ownership check pointed at a fixture tree (server/test/fixtures/ownership/src) with
 * deliberate violations: it must fail on each, and stay quiet about the owner's own SQL.
 */
describe('table ownership check on deliberate violations', () => {
  const violations = checkOwnership(join(__dirname, '../../test/fixtures/ownership/src'));
  const messages = violations.map((v) => `${v.file}:${v.line} ${v.message}`);

  it('fails when a module writes another module’s table in SQL', () => {
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^channels\/channel-tags\.repository\.ts:\d+ channels\/ names table customer_tag, owned by tags\//,
      ),
    );
  });

  it('fails when a module imports another module’s entities', () => {
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^channels\/channel-tags\.repository\.ts:3 channels\/ imports \.\.\/tags\/entities\/customer-tag\.entity/,
      ),
    );
  });

  it('fails on table names listed for SQL built at run time', () => {
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^staff\/staff\.repository\.ts:\d+ staff\/ names table follow_relation/,
      ),
    );
  });

  it('finds exactly these three, not the owner’s own SQL or comments', () => {
    expect(violations.map((v) => v.file).sort()).toEqual([
      'channels/channel-tags.repository.ts',
      'channels/channel-tags.repository.ts',
      'staff/staff.repository.ts',
    ]);
  });

  it('lets a declared reader read a table, never write it', () => {
    const root = join(__dirname, '../../test/fixtures/ownership/src');
    const asReader = checkOwnership(root, undefined, { channels: ['customer_tag'] });
    // the fixture INSERTs INTO customer_tag: still a violation for a reader
    expect(asReader.map((v) => v.message)).toContainEqual(
      expect.stringMatching(/^channels\/ names table customer_tag/),
    );
    const reads = checkOwnership(join(__dirname, '../../test/fixtures/ownership-readers/src'));
    expect(reads).toEqual([]);
  });
});
