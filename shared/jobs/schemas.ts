import * as z from 'zod';
import { CountryCode } from '../schemas/common.js';
import { JOB_ENCODINGS, JOB_KINDS, JOB_STATES } from './model.js';

/** What `POST /v1/jobs` takes: the options `salyk validate` takes, and where to call back when done. */
export const CreateJobRequest = z
  .strictObject({
    kind: z.enum(JOB_KINDS),
    options: z
      .strictObject({
        column: z.string().min(1).max(256).optional().meta({ description: 'TIN column header (default: detected)' }),
        sheet: z.string().min(1).max(256).optional().meta({ description: 'XLSX sheet name or 1-based number' }),
        headerRow: z
          .int()
          .min(1)
          .max(1_000_000)
          .optional()
          .meta({ description: "The header's 1-based CSV line or sheet row (default: found among the first 20 rows)" }),
        encoding: z.enum(JOB_ENCODINGS).optional().meta({ description: 'CSV encoding (default: detected)' }),
        country: CountryCode.optional().meta({ description: 'Force the country of every TIN (default: by length)' }),
        fixLeadingZeros: z
          .boolean()
          .default(false)
          .meta({ description: 'Write the TIN a spreadsheet stripped of its leading zeros as it should read' }),
      })
      .default({ fixLeadingZeros: false }),
    fileName: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\\"\p{Cc}]+$/u, 'a file name without a path, quotes or control characters')
      .optional()
      .meta({
        description:
          "The uploaded file's name: the checked file then downloads as `<name>.checked.<ext>`, as `salyk validate` names it (default: the job id)",
        example: 'Поставщики.csv',
      }),
    callbackUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional()
      .meta({ description: 'POSTed the job when it ends, signed: `Salyk-Signature: t=<unix>,v1=<hex HMAC-SHA256>`' }),
  })
  .meta({ id: 'CreateJobRequest' });

const Link = z.object({ url: z.string(), expiresAt: z.string() });

export const JobView = z
  .object({
    jobId: z.string(),
    kind: z.enum(JOB_KINDS),
    state: z.enum(JOB_STATES),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    rows: z.object({
      total: z.number().int().optional(),
      done: z.number().int(),
      valid: z.number().int(),
      invalid: z.number().int(),
    }),
    error: z.string().optional(),
    /** Present once the job has succeeded (or failed with a partial result). */
    results: z.object({ checkedFile: Link, summary: Link }).optional(),
  })
  .meta({ id: 'Job' });

export const CreateJobResponse = JobView.extend({
  upload: z.object({
    url: z.string(),
    method: z.literal('PUT'),
    expiresAt: z.string(),
    maxBytes: z.number().int(),
  }),
  /** With a callback URL: the key its `Salyk-Signature` is made with (the same for all of the tenant's jobs). */
  callbackSigningKey: z.string().optional(),
}).meta({ id: 'CreateJobResponse' });

/** The `{id}` of `/v1/jobs/{id}`: a job id is a ULID. */
export const JobIdParams = z.strictObject({
  id: z
    .string()
    .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a job id')
    .meta({ description: 'The job id `POST /v1/jobs` answered', example: '01JD8X4Q6W3V9T2R5M7K0B1C8E' }),
});

export const JobListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const JobListResponse = z.object({ items: z.array(JobView) }).meta({ id: 'JobList' });
