/**
 * One gateway per AWS service, the only code that imports the SDK; each sends its calls through
 * ./call.ts. Services ask for the calls they use (`Pick<LogsGateway, "describeLogGroups" | …>`).
 */
import type { ReadPacer } from "../lib/read-pacer.ts";
import { type AccountGateway, createAccountGateway } from "./account-gateway.ts";
import type { AwsClients } from "./clients.ts";
import { type CloudTrailGateway, createCloudTrailGateway } from "./cloudtrail-gateway.ts";
import { type CloudWatchGateway, createCloudWatchGateway } from "./cloudwatch-gateway.ts";
import { type CognitoGateway, createCognitoGateway } from "./cognito-gateway.ts";
import { createEc2Gateway, type Ec2Gateway } from "./ec2-gateway.ts";
import { createEventBridgeGateway, type EventBridgeGateway } from "./eventbridge-gateway.ts";
import { createFirehoseGateway, type FirehoseGateway } from "./firehose-gateway.ts";
import { createIamGateway, type IamGateway } from "./iam-gateway.ts";
import { createLogsEventsGateway, type LogsEventsGateway } from "./logs-events-gateway.ts";
import { createLogsGateway, type LogsGateway } from "./logs-gateway.ts";
import { createOrganizationsGateway, type OrganizationsGateway } from "./organizations-gateway.ts";
import { createS3Gateway, type S3Gateway } from "./s3-gateway.ts";
import { createS3ObjectsGateway, type S3ObjectsGateway } from "./s3-objects-gateway.ts";
import { createSqsGateway, type SqsGateway } from "./sqs-gateway.ts";
import { createStsGateway, type StsGateway } from "./sts-gateway.ts";

export interface Gateways {
  cognito: CognitoGateway;
  logs: LogsGateway;
  firehose: FirehoseGateway;
  s3: S3Gateway;
  iam: IamGateway;
  sts: StsGateway;
  /** Delivery verification's reads: metrics, log events, objects. */
  cloudwatch: CloudWatchGateway;
  logsEvents: LogsEventsGateway;
  s3Objects: S3ObjectsGateway;
  organizations: OrganizationsGateway;
  account: AccountGateway;
  /** The enabled regions when account:ListRegions is refused (EC2 DescribeRegions). */
  ec2: Ec2Gateway;
  /** Freshness by events (issue 16): the queue, the rule, the trails. */
  sqs: SqsGateway;
  events: EventBridgeGateway;
  cloudtrail: CloudTrailGateway;
}

/** Every gateway over the app's shared clients; Cognito reads go through the read pacer. */
export function createGateways(clients: AwsClients, pacer: ReadPacer): Gateways {
  return {
    cognito: createCognitoGateway(clients, pacer),
    logs: createLogsGateway(clients),
    firehose: createFirehoseGateway(clients),
    s3: createS3Gateway(clients),
    iam: createIamGateway(clients),
    sts: createStsGateway(clients),
    cloudwatch: createCloudWatchGateway(clients),
    logsEvents: createLogsEventsGateway(clients),
    s3Objects: createS3ObjectsGateway(clients),
    organizations: createOrganizationsGateway(clients),
    account: createAccountGateway(clients),
    ec2: createEc2Gateway(clients),
    sqs: createSqsGateway(clients),
    events: createEventBridgeGateway(clients),
    cloudtrail: createCloudTrailGateway(clients),
  };
}
