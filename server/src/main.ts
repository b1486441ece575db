import 'reflect-metadata';
import { loadDotEnv, createHttpApp, exitOnBootError } from './bootstrap';
import { loadEnv } from './config/configuration';
import { AppMode } from './config/env.validation';

/** The API process (APP_MODE=api), or API plus worker in one process (APP_MODE=all). */
async function main(): Promise<void> {
  loadDotEnv();
  const env = loadEnv();
  const app = await createHttpApp(env.APP_MODE === AppMode.All);
  await app.listen(env.PORT, '0.0.0.0');
}

main().catch(exitOnBootError);
