/**
 * The read permissions the connection test cannot probe yet (each reported with why): freshness's
 * queue and rule (they need the console's own queue to exist), trail details, delivered objects. Shared by the unit and the HTTP test of it.
 */
export const UNPROBED_READ_ACTIONS = [
  // Freshness by events (issue 16): its status per account and region says what is refused.
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
  "s3:GetObject",
].sort();
