import { DataSource } from 'typeorm';

/** A connection to the MariaDB server itself (no database), to create or drop test databases. */
export function dbServerConnection(): DataSource {
  return new DataSource({
    type: 'mysql',
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT ?? 3306),
    username: process.env.DB_USER,
    password: process.env.DB_PASSWORD ?? '',
  });
}
