import { join } from 'node:path';
import { TABLE_OWNERS, checkOwnership, formatViolations, migrationTables } from './table-ownership';

const SRC = join(__dirname, '..');
const MIGRATIONS = join(__dirname, '../../../migrations');

/** One owner per table (docs/architecture.md), enforced over the server's own code. */
describe('table ownership', () => {
  it('every table the migrations create has an owning module', () => {
    const unowned = migrationTables(MIGRATIONS).filter((t) => !TABLE_OWNERS[t]);
    expect(unowned).toEqual([]);
  });

  it('only the owner names its tables or imports its entities and repositories', () => {
    const violations = checkOwnership(SRC);
    if (violations.length)
      throw new Error(`ownership violations:\n${formatViolations(violations)}`);
  });
});
