import type * as z from 'zod';
import type { Lang } from '../../../shared/i18n/index.js';
import type { CreateJobRequest, CreateJobResponse, JobView } from '../../../shared/jobs/schemas.js';
import type { RouteName } from '../../../shared/routes.js';

/**
 * The method and path of every API route, read from the route table (shared/routes.ts) when the page is built
 * (web/vite.config.ts): the page ships the paths, not the zod schemas behind them.
 */
declare const SALYK_ROUTES: Record<RouteName, { method: string; path: string }>;
const ROUTES = SALYK_ROUTES; // the build writes the table in once, here

export type Job = z.infer<typeof JobView>;
export type CreatedJob = z.infer<typeof CreateJobResponse>;
export type JobOptions = z.input<typeof CreateJobRequest>['options'];

/** An answer other than 2xx: its status and the problem's `detail` (what to fix), when the API sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** The states after which a job changes no more. */
export const ENDED: ReadonlySet<Job['state']> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Whether the Salyk API answers on this page's own origin (`GET /health`): the deployed page (CloudFront routes
 * `/v1/*` to the API) and `npm start` do; the page opened from a folder or a static host does not.
 */
export async function apiAvailable(): Promise<boolean> {
  try {
    const response = await fetch(ROUTES.health.path, { signal: AbortSignal.timeout(3_000) });
    return response.ok && ((await response.json()) as { status?: string }).status === 'ok';
  } catch {
    return false;
  }
}

/** The job routes with the caller's API key and language, and the upload to the presigned URL. */
export function jobApi(key: string, lang: Lang) {
  const call = async <T>(name: RouteName, id?: string, body?: unknown): Promise<T> => {
    const { method, path } = ROUTES[name];
    const response = await fetch(id === undefined ? path : path.replace('{id}', encodeURIComponent(id)), {
      method,
      headers: { 'x-api-key': key, 'accept-language': lang, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw await apiError(response);
    return (await response.json()) as T;
  };
  return {
    create: (fileName: string, options: JobOptions) =>
      call<CreatedJob>('jobsCreate', undefined, { kind: 'validate', fileName, options }),
    get: (id: string) => call<Job>('jobsGet', id),
    cancel: (id: string) => call<Job>('jobsCancel', id),
    /** PUTs the file itself to the job's presigned URL: the upload starts the job. */
    async upload(job: CreatedJob, file: Blob): Promise<void> {
      const response = await fetch(job.upload.url, { method: job.upload.method, body: file });
      if (!response.ok) throw new ApiError(response.status, `upload refused (HTTP ${response.status})`);
    },
  };
}

export type JobApi = ReturnType<typeof jobApi>;

async function apiError(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string };
    return new ApiError(response.status, problem.detail ?? problem.title ?? text);
  } catch {
    return new ApiError(response.status, text || `HTTP ${response.status}`);
  }
}
