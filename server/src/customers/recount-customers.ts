import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from '../database/typeorm-options';
import { CustomerCountRepository } from './customer-count.repository';

/**
 * `node dist/server/src/customers/recount-customers.js [corpId …]`: rebuilds the maintained
 * customer counts (customer_count) from the mirror, for these corps or every corp the mirror
 * knows. The mirror's writers keep the counts in step; this repairs them after rows were written
 * by hand (a seed, a restore). A full sync recounts its corp by itself.
 */
async function main(): Promise<void> {
  const db = databaseConfig();
  const dataSource = new DataSource(buildDataSourceOptions({ ...db, queryTimeoutMs: 0 }));
  await dataSource.initialize();
  try {
    const repo = new CustomerCountRepository(dataSource);
    const corps = process.argv.length > 2 ? process.argv.slice(2) : await repo.corps();
    for (const corpId of corps) {
      const started = Date.now();
      const classes = await repo.recount(corpId);
      const customers = [...classes.values()].reduce((a, b) => a + b, 0);
      console.log(`${corpId}: ${customers} customers counted in ${Date.now() - started} ms`);
    }
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`recount failed: ${err.message}`);
    process.exit(1);
  });
}
