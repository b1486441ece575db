import 'reflect-metadata';
import { createWorkerContext, exitOnBootError, loadDotEnv } from './bootstrap';
import { loadEnv } from './config/configuration';

/** The queue worker process: consumes every queue, serves no HTTP. */
async function main(): Promise<void> {
  loadDotEnv();
  process.env.APP_MODE = 'worker';
  loadEnv();
  await createWorkerContext();
}

main().catch(exitOnBootError);
