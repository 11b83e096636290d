/**
 * What can be told about a KMS key from the way a resource names it, without calling KMS
 * (rules doc §3: log delivery cannot use AWS-managed keys; it needs a customer-managed key whose
 * key policy lets delivery.logs.amazonaws.com use it).
 */

/** `AWS`: surely AWS-managed; `CUSTOMER`: surely the account's own; `unknown`: only KMS can tell. */
export type KmsKeyManager = "AWS" | "CUSTOMER" | "unknown";

/**
 * Who manages the default SSE-KMS key of a bucket, judged from GetBucketEncryption's
 * `KMSMasterKeyID` alone (null or "" when the rule names no key).
 *
 * - No key id: S3 uses its AWS-managed key `aws/s3` (S3 user guide, "Specifying server-side
 *   encryption with AWS KMS": omitting the key id means the AWS managed key).
 * - An alias `alias/aws/…` or an alias ARN `arn:…:alias/aws/…`: KMS reserves the `aws/` alias
 *   prefix for AWS-managed keys (KMS developer guide, "Aliases in AWS KMS"), so it is AWS-managed.
 * - Any other alias: customers cannot create `aws/` aliases, so it names a customer-managed key.
 * - A key id or key ARN: may be either; kms:DescribeKey's `KeyMetadata.KeyManager` would tell, but the
 *   console does not read KMS (the sandbox does not serve it), so it stays `unknown`.
 */
export function kmsKeyManagerOf(keyId: string | null | undefined): KmsKeyManager {
  const id = keyId?.trim() ?? "";
  if (id === "") return "AWS";
  const alias = /(?:^|:)(alias\/.+)$/.exec(id)?.[1];
  if (alias) return alias.startsWith("alias/aws/") ? "AWS" : "CUSTOMER";
  return "unknown";
}

/** Whether an S3 default-encryption algorithm is one of the SSE-KMS kinds (`aws:kms`, `aws:kms:dsse`). */
export function isSseKms(algorithm: string | null | undefined): boolean {
  return algorithm === "aws:kms" || algorithm === "aws:kms:dsse";
}
