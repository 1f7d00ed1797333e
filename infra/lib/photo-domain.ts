import { Duration } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { LinliConfig } from './config.js';

export interface PhotoDomainProps {
  readonly photos: IBucket;
  readonly domain: NonNullable<LinliConfig['photoDomain']>;
  readonly partition: string;
}

/**
 * The photo store under the operator's own ICP-filed domain, for WeChat's
 * `uploadFile` and `downloadFile` lists: CloudFront in front of the private
 * bucket, caching nothing and passing every request through unchanged. No
 * origin access identity: each request carries its own authority (the
 * presigned POST form, or the presigned GET's query string), and the Host
 * header is not forwarded, so S3 sees its own host name, the one the URL was
 * signed for. The Lambdas sign as before and put `PHOTO_PUBLIC_URL` in place
 * of the bucket's origin in what they hand out.
 */
export class PhotoDomain extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: PhotoDomainProps) {
    super(scope, id);
    const { domain, photos } = props;
    const china = props.partition === 'aws-cn';

    // Own policies rather than the managed ones, whose ids are those of the global partition.
    const cachePolicy = new CachePolicy(this, 'NoCache', {
      comment: 'Linli photos: presigned, never cached',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(0),
    });
    const originRequestPolicy = new OriginRequestPolicy(this, 'PassThrough', {
      comment: 'Linli photos: the signature in the query string and the CORS and form headers reach S3',
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      headerBehavior: OriginRequestHeaderBehavior.allowList(
        'Origin',
        'Access-Control-Request-Method',
        'Access-Control-Request-Headers',
        'Content-Type',
      ),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Linli photos at ${domain.domainName}`,
      // CloudFront in China serves only on an alternate domain with an IAM certificate, set below.
      ...(china
        ? {}
        : {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn as string),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }),
      enableIpv6: !china,
      defaultBehavior: {
        origin: S3BucketOrigin.withBucketDefaults(photos),
        // POST: the presigned upload form (the H5 build and wx.uploadFile).
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy,
        originRequestPolicy,
        compress: false,
      },
    });
    if (china) {
      const cfn = this.distribution.node.defaultChild as CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domain.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: domain.iamCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      });
    }
  }
}
