export * from './auth';
export * from './health';
export { ApiError, requestClient } from './request';
