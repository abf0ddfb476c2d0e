export {
  type Asset,
  type Job,
  type JobAccepted,
  type JobProgress,
  type JobStatus,
  ReelforgeClient,
  type ReelforgeClientOptions,
  type RequestOptions,
  type Schemas,
  unwrap,
  type Variant,
  type WaitForJobOptions,
} from './client.js';
export {
  type ApiErrorBody,
  type ApiErrorCode,
  type KnownApiErrorCode,
  ReelforgeApiError,
  ReelforgeJobError,
} from './errors.js';
export { type components, type operations, type paths } from './generated/openapi.js';
export { parseServerSentEvents, type ServerSentEvent } from './sse.js';
