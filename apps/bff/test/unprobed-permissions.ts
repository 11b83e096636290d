/**
 * The read permissions the connection test cannot probe yet (each reported with why): the account's
 * regions, and delivery verification's reads. Shared by the unit and the HTTP test of it.
 */
export const UNPROBED_READ_ACTIONS = [
  "account:ListRegions",
  "cloudwatch:GetMetricData",
  "cloudwatch:ListMetrics",
  "logs:DescribeLogStreams",
  "logs:FilterLogEvents",
  "s3:GetObject",
].sort();
