/**
 * The web page's security headers, one list for both servers of the page: CloudFront's response-headers
 * policy (infra/web-hosting.ts) and the local stack's static files (local/static.ts), so what is tested
 * locally is what is deployed.
 *
 * The page loads nothing from another origin: its scripts, styles, worker and chunks are same-origin files
 * (Vite's build inlines no script or style), and the API is on the same origin under `/v1/`. The one exception
 * is `connect-src` for the job bucket, where a server job PUTs the file to its presigned URL.
 *
 * @param uploadOrigins - the job bucket's origin (`https://<bucket>.s3.<region>.amazonaws.com`, or the local
 *   S3-compatible server's), when the page offers server jobs
 */
export function contentSecurityPolicy(uploadOrigins: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    ["connect-src 'self'", ...uploadOrigins].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of a page with no job bucket to upload to. */
const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The other headers, as HTTP names and values. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
};
