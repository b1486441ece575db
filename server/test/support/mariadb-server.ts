import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { waitFor } from './processes';

const MARIADBD = existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : 'mariadbd';

/**
 * A MariaDB of the test's own (data in a temporary directory, initialised the way
 * scripts/services.sh does it), to freeze (SIGSTOP) and thaw (SIGCONT) under a running app. It
 * runs with `--skip-grant-tables`: any user name connects, so the test needs no account set-up.
 */
export class DisposableMariadb {
  private child?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'scrm-mariadb-'));
  readonly user = 'root';

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
    execFileSync(
      'mariadb-install-db',
      [
        ...asRoot,
        `--datadir=${join(this.dir, 'data')}`,
        '--skip-test-db',
        '--auth-root-authentication-method=socket',
      ],
      { stdio: 'ignore' },
    );
    this.child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        ...asRoot,
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        `--log-error=${join(this.dir, 'mariadb.log')}`,
        '--skip-name-resolve',
        '--skip-grant-tables',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--max-connections=500',
        '--innodb-buffer-pool-size=64M',
        // a throwaway server: no fsync per commit (the test measures answers, not durability)
        '--innodb-flush-log-at-trx-commit=2',
      ],
      { stdio: 'ignore' },
    );
    await waitFor(
      'the test MariaDB to answer',
      async () => {
        if (this.child?.exitCode !== null) throw new Error('mariadbd exited at start-up');
        const ds = await new DataSource({
          type: 'mysql',
          host: '127.0.0.1',
          port: this.port,
          username: this.user,
        }).initialize();
        await ds.destroy();
        return true;
      },
      60_000,
    );
  }

  /** Creates `database` and runs the migrations in it. */
  async createDatabase(database: string): Promise<void> {
    const server = await new DataSource({
      type: 'mysql',
      host: '127.0.0.1',
      port: this.port,
      username: this.user,
    }).initialize();
    await server.query(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await server.destroy();
    const ds = await new DataSource(
      buildDataSourceOptions({
        host: '127.0.0.1',
        port: this.port,
        username: this.user,
        password: '',
        database,
        poolSize: 2,
        queryTimeoutMs: 0,
      }),
    ).initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
  }

  /** Freezes the server: connections stay open, nothing is answered (a hung disk, a long lock). */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
