import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/configuration';
import { buildDataSourceOptions } from './typeorm-options';

/** The data source the migration CLI (database/migrate.ts) and the TypeORM CLI use. */
export default new DataSource(buildDataSourceOptions(databaseConfig()));
