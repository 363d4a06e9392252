import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** Where the job bucket is: its name (`JOBS_BUCKET`) and, locally, the S3-compatible server (`S3_ENDPOINT`). */
export interface JobsBucketConfig {
  bucket: string;
  endpoint?: string;
  region: string;
}

function jobsBucketConfig(env: NodeJS.ProcessEnv = process.env): JobsBucketConfig {
  return {
    bucket: env.JOBS_BUCKET ?? 'salyk-jobs',
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
  };
}

const clients = new Map<string, S3Client>();

/**
 * One S3 client per endpoint. Locally: path-style addressing and fixed credentials (the local server
 * accepts its own pair only), and checksums only where S3 requires them — the SDK's default CRC32
 * trailers are an S3 feature older S3-compatible servers do not speak.
 */
export function s3Client(config: JobsBucketConfig = jobsBucketConfig()): S3Client {
  const key = `${config.endpoint ?? 'aws'}|${config.region}`;
  let client = clients.get(key);
  if (!client) {
    client = new S3Client({
      region: config.region,
      ...(config.endpoint
        ? {
            endpoint: config.endpoint,
            forcePathStyle: true,
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }
        : {}),
    });
    clients.set(key, client);
  }
  return client;
}

/** A presigned URL and when it stops working. */
export interface PresignedLink {
  url: string;
  expiresAt: string;
}

/** A presigned PUT for the job's upload (the upload is what starts the job). */
export async function presignUpload(key: string, seconds: number): Promise<PresignedLink> {
  const config = jobsBucketConfig();
  const url = await getSignedUrl(s3Client(config), new PutObjectCommand({ Bucket: config.bucket, Key: key }), {
    expiresIn: seconds,
  });
  return { url, expiresAt: new Date(Date.now() + seconds * 1000).toISOString() };
}

/**
 * `Content-Disposition: attachment` with the file name: an ASCII stand-in for old clients and the real name
 * (Cyrillic, as accountants name their lists) as RFC 6266's `filename*`.
 */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A presigned GET; the object's own `Content-Disposition` (see {@link putObject}) names the download. */
export async function presignDownload(key: string, seconds: number): Promise<PresignedLink> {
  const config = jobsBucketConfig();
  const command = new GetObjectCommand({ Bucket: config.bucket, Key: key });
  const url = await getSignedUrl(s3Client(config), command, { expiresIn: seconds });
  return { url, expiresAt: new Date(Date.now() + seconds * 1000).toISOString() };
}

/** Reads a whole (small) object as text. */
export async function getText(key: string): Promise<string> {
  const config = jobsBucketConfig();
  const out = await s3Client(config).send(new GetObjectCommand({ Bucket: config.bucket, Key: key }));
  if (!out.Body) throw new Error(`empty object ${key}`);
  return out.Body.transformToString('utf8');
}

/** Writes an object. */
export async function putObject(
  key: string,
  body: string | Uint8Array | NodeJS.ReadableStream,
  options: { contentType?: string; length?: number; fileName?: string } = {},
): Promise<void> {
  const config = jobsBucketConfig();
  await s3Client(config).send(
    new PutObjectCommand({
      Bucket: config.bucket,
      Key: key,
      Body: body as never,
      ContentType: options.contentType,
      // Stored with the object rather than asked for in each presigned URL (`response-content-disposition`):
      // the name is fixed once written, and a `filename*` in a query string trips S3-compatible servers.
      ...(options.fileName === undefined ? {} : { ContentDisposition: attachment(options.fileName) }),
      ...(options.length === undefined ? {} : { ContentLength: options.length }),
    }),
  );
}

/** Streams an object into a local file (the readers work on files; Lambda has /tmp). */
export async function downloadTo(key: string, path: string): Promise<number> {
  const { createWriteStream } = await import('node:fs');
  const { pipeline } = await import('node:stream/promises');
  const config = jobsBucketConfig();
  const out = await s3Client(config).send(new GetObjectCommand({ Bucket: config.bucket, Key: key }));
  if (!out.Body) throw new Error(`empty object ${key}`);
  await pipeline(out.Body as NodeJS.ReadableStream, createWriteStream(path));
  return out.ContentLength ?? 0;
}
