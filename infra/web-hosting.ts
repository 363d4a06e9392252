import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CfnOutput, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../web/headers.js';
import { PROJECT_ROOT } from './bundling.js';

export interface WebHostingProps {
  /** The REST API served under `/v1/*` on the page's own origin (so the page needs no CORS). */
  api: RestApi;
  /** The job bucket, where a server job PUTs the file (its origin joins the page's `connect-src`). */
  uploadBucket: IBucket;
}

/**
 * The web page on CloudFront: a private S3 bucket read only through origin access control, HTTPS only,
 * the security headers of `web/headers.ts` (a strict Content-Security-Policy among them) on every
 * response, and `/v1/*` passed to the API's stage uncached, so page and API share one origin.
 *
 * The page is built by Vite at synth time (local bundling of the `web/` folder), like the functions.
 */
export class WebHosting extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucket = siteBucket(this);
    const headers = securityHeadersPolicy(this, `https://${props.uploadBucket.bucketRegionalDomainName}`);
    this.distribution = new Distribution(this, 'cdn', {
      comment: 'Salyk web page and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: { '/v1/*': apiBehavior(apiOrigin(props.api, stack), headers) },
    });
    deployPage(this, this.bucket, this.distribution);
    this.acknowledgeFindings(stack);
    new CfnOutput(stack, 'WebUrl', { value: `https://${this.distribution.distributionDomainName}/` });
  }

  /** The cdk-nag findings this construct accepts, each with its reason. */
  private acknowledgeFindings(stack: Stack): void {
    NagSuppressions.addResourceSuppressions(this.bucket, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'The bucket holds only the public build output of web/ and is read solely by CloudFront through origin access control; S3 access logs would record nothing but CloudFront fetches.',
      },
    ]);
    NagSuppressions.addResourceSuppressions(this.distribution, [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The page is for accountants and sellers in any country (Kazakhstan, Kyrgyzstan and their partners): no geo restriction.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1, outside this regional stack; the API behind /v1/* keeps its stage and per-key throttling and the optional regional WAF (-c waf=true). The page itself is static files.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'No CloudFront access logs: the page sends no data to the server (files are checked in the browser), and API calls are already in the API stage’s JSON access logs. Standard logs would need an ACL-enabled log bucket for IP addresses only.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain in this stack, so the distribution uses the default *.cloudfront.net certificate, whose minimum protocol AWS fixes; viewers are HTTPS only and a custom domain can set TLSv1.2_2021.',
      },
    ]);
    // The deployment's Lambda (a singleton at stack level) is CDK's own custom resource.
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      NagSuppressions.addResourceSuppressions(
        child,
        [
          {
            id: 'AwsSolutions-IAM4',
            reason:
              'CDK’s BucketDeployment custom resource runs with AWSLambdaBasicExecutionRole, as CDK defines it; it runs only at deploy time.',
            appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
          },
          {
            id: 'AwsSolutions-IAM5',
            reason:
              'CDK’s BucketDeployment grants itself s3:GetObject*/List*/DeleteObject* on the asset and site buckets’ objects (bucket/*) and CloudFront invalidation; the wildcards are object keys of those two buckets only.',
          },
          {
            id: 'AwsSolutions-L1',
            reason: 'The runtime of CDK’s BucketDeployment function is chosen by aws-cdk-lib and moves with it.',
          },
        ],
        true,
      );
    }
  }
}

/** The private bucket the built page is served from. */
function siteBucket(scope: Construct): Bucket {
  return new Bucket(scope, 'site', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    // Only build output lives here: it is rebuilt from the repository on every deploy.
    removalPolicy: RemovalPolicy.DESTROY,
  });
}

/** The headers of `web/headers.ts` on every response, page and API alike. */
function securityHeadersPolicy(scope: Construct, uploadOrigin: string): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, 'headers', {
    comment: 'Salyk web page: strict CSP and security headers (web/headers.ts)',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy([uploadOrigin]), override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(730),
        includeSubdomains: true,
        preload: false,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    },
    customHeadersBehavior: {
      customHeaders: ['permissions-policy', 'cross-origin-opener-policy'].map((header) => ({
        header,
        value: SECURITY_HEADERS[header] ?? '',
        override: true,
      })),
    },
  });
}

/** The API's stage as a CloudFront origin (HTTPS, TLS 1.2). */
function apiOrigin(api: RestApi, stack: Stack): HttpOrigin {
  return new HttpOrigin(`${api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
    originPath: `/${api.deploymentStage.stageName}`,
    protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [OriginSslPolicy.TLS_V1_2],
  });
}

/** `/v1/*` passed through to the API. */
function apiBehavior(origin: HttpOrigin, headers: ResponseHeadersPolicy): BehaviorOptions {
  return {
    origin,
    viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
    allowedMethods: AllowedMethods.ALLOW_ALL,
    // Answers are per tenant and per request: never cached; API Gateway needs its own Host header.
    cachePolicy: CachePolicy.CACHING_DISABLED,
    originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    responseHeadersPolicy: headers,
  };
}

/** Copies the built page into the bucket on deploy and invalidates `index.html`. */
function deployPage(scope: Construct, bucket: Bucket, distribution: Distribution): void {
  new BucketDeployment(scope, 'deploy', {
    sources: [webSource()],
    destinationBucket: bucket,
    distribution,
    distributionPaths: ['/index.html'],
    memoryLimit: 512,
    // Its own log group with the stack's 30-day retention (not the Custom::LogRetention Lambda).
    logGroup: new LogGroup(scope, 'deploy-logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    }),
  });
}

/** The built page: Vite builds web/ into the asset folder at synth (no Docker; the image is never pulled). */
function webSource() {
  return Source.asset(join(PROJECT_ROOT, 'web'), {
    bundling: {
      image: DockerImage.fromRegistry('node:22-slim'),
      local: {
        tryBundle(outputDir: string): boolean {
          const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
          execFileSync(
            process.execPath,
            [
              vite,
              'build',
              '--config',
              join(PROJECT_ROOT, 'web', 'vite.config.ts'),
              '--outDir',
              outputDir,
              '--emptyOutDir',
              '--logLevel',
              'warn',
            ],
            { cwd: PROJECT_ROOT, stdio: 'inherit' },
          );
          return true;
        },
      },
    },
  });
}
