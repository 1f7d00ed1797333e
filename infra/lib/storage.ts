import { ATTACHED_TAG, UNATTACHED_DAYS } from '@linli/functions/clients/photo-store';
import { tableDefinition } from '@linli/functions/data/table-definition';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type ITableV2,
  ProjectionType,
  StreamViewType,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface StorageProps {
  readonly allowedOrigins: readonly string[];
  /** A table restored from a backup, used instead of the stack's own (README: restoring the table). */
  readonly importedTable?: { readonly tableName: string; readonly tableStreamArn: string };
}

/** Noncurrent photo versions (a deleted or replaced photo) are kept this long, then really gone. */
export const NONCURRENT_PHOTO_DAYS = 30;

/** The one DynamoDB table (built from functions' table definition) and the photo bucket. Both outlive the stack. */
export class Storage extends Construct {
  readonly table: ITableV2;
  readonly photos: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = props.importedTable
      ? TableV2.fromTableAttributes(this, 'Table', {
          tableName: props.importedTable.tableName,
          tableStreamArn: props.importedTable.tableStreamArn,
          globalIndexes: tableDefinition.globalIndexes.map((index) => index.name),
        })
      : this.ownTable(key);

    this.photos = new Bucket(this, 'Photos', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      // A photo deleted or overwritten by mistake can be brought back for NONCURRENT_PHOTO_DAYS.
      versioned: true,
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
        // Every upload is tagged unattached until the report, bulletin or reward that uses it is saved
        // (clients/photo-store.ts): one nothing ever used expires.
        {
          id: 'expire-unattached',
          tagFilters: { [ATTACHED_TAG]: 'no' },
          expiration: Duration.days(UNATTACHED_DAYS),
        },
        // Versioning keeps what is deleted: after NONCURRENT_PHOTO_DAYS it goes for good, and so do lone delete markers.
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_PHOTO_DAYS),
          expiredObjectDeleteMarker: true,
        },
      ],
    });
  }

  private ownTable(key: (name: string) => { name: string; type: AttributeType }): TableV2 {
    return new TableV2(this, 'Table', {
      partitionKey: key(tableDefinition.partitionKey),
      sortKey: key(tableDefinition.sortKey),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The outbox consumer reads new items from the stream.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      globalSecondaryIndexes: tableDefinition.globalIndexes.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
    });
  }
}
