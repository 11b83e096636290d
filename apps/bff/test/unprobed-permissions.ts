/**
 * The read permissions the connection test cannot probe yet (each reported with why): the account's
 * regions, and delivery verification's reads. Shared by the unit and the HTTP test of it.
 */
export const UNPROBED_READ_ACTIONS = [
  "account:ListRegions",
  // Freshness by events (issue 16): its status per account and region says what is refused.
  "cloudtrail:DescribeTrails",
  "cloudtrail:GetEventSelectors",
  "cloudtrail:GetTrailStatus",
  "events:DescribeRule",
  "events:ListTagsForResource",
  "events:ListTargetsByRule",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:ListQueueTags",
  "sqs:ReceiveMessage",
  "cloudwatch:GetMetricData",
  "cloudwatch:ListMetrics",
  "logs:DescribeLogStreams",
  "logs:FilterLogEvents",
  "s3:GetObject",
].sort();
