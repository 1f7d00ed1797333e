import { tableDefinition } from '@linli/functions/data/table-definition';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface StorageProps {
  readonly allowedOrigins: readonly string[];
}

/** The one DynamoDB table (built from functions' table definition) and the photo bucket. Both outlive the stack. */
export class Storage extends Construct {
  readonly table: TableV2;
  readonly photos: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new TableV2(this, 'Table', {
      partitionKey: key(tableDefinition.partitionKey),
      sortKey: key(tableDefinition.sortKey),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The outbox consumer reads new items from the stream.
      dynamoStream: StreamViewType.NEW_IMAGE,
      globalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
    });

    this.photos = new Bucket(this, 'Photos', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      // Browsers (the H5 build) upload with a presigned POST; wx.uploadFile needs no CORS.
      cors: props.allowedOrigins.length
        ? [
            {
              allowedOrigins: [...props.allowedOrigins],
              allowedMethods: [HttpMethods.POST, HttpMethods.GET],
              allowedHeaders: ['*'],
              maxAge: 3000,
            },
          ]
        : undefined,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'infrequent-access-after-90-days',
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
        },
        // Uploads land under tmp/ until the report or bulletin that uses them is saved.
        { id: 'expire-tmp', prefix: 'tmp/', expiration: Duration.days(1) },
      ],
    });
  }
}
