import { ulid } from 'ulid';
import { type JobRecord, uploadKey } from '../shared/jobs/model.js';
import { JOB_ENGINE } from '../shared/jobs/params.js';
import { routes } from '../shared/routes.js';
import { apiHandler } from './lib/api-handler.js';
import { hmacSecret } from './lib/clients.js';
import { jobView } from './lib/jobs/api.js';
import { callbackKey } from './lib/jobs/callback.js';
import { presignUpload } from './lib/jobs/s3.js';
import { jobStore } from './lib/jobs/store.js';

/** POST /v1/jobs — a job waiting for its upload: the presigned PUT URL is the way in, and the upload starts it. */
export const handler = apiHandler(routes.jobsCreate, async ({ body, tenant, lang }) => {
  const jobId = ulid();
  const job: JobRecord = {
    jobId,
    tenant,
    kind: body.kind,
    state: 'waiting_for_upload',
    options: body.options,
    lang,
    ...(body.callbackUrl ? { callbackUrl: body.callbackUrl } : {}),
    ...(body.fileName ? { fileName: body.fileName } : {}),
    createdAt: new Date().toISOString(),
    rowsDone: 0,
    rowsValid: 0,
    rowsInvalid: 0,
  };
  await jobStore.create(job);
  const upload = await presignUpload(uploadKey(tenant, jobId), JOB_ENGINE.uploadUrlSeconds);
  const signing = body.callbackUrl ? { callbackSigningKey: callbackKey(await hmacSecret(), tenant) } : {};
  return {
    status: 201,
    body: {
      ...(await jobView(job)),
      upload: {
        url: upload.url,
        method: 'PUT' as const,
        expiresAt: upload.expiresAt,
        maxBytes: JOB_ENGINE.maxUploadBytes,
      },
      ...signing,
    },
  };
});
