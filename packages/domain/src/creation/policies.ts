/**
 * What creation needs beyond the shared delivery-policy builders in `../policies.ts` (which decide
 * what to add): taking back exactly what a run added, and the Firehose delivery role's policies.
 */
import {
  canonicalJson as canonical,
  type PolicyDocument,
  type PolicyStatement,
  parsePolicyDocument,
  VENDED_LOGS_PREFIX,
} from "../policies.ts";

const resourcesOf = (statement: PolicyStatement): string[] => {
  const r = statement.Resource;
  return (Array.isArray(r) ? r : [r]).filter((x): x is string => typeof x === "string");
};

/** What a write added to a policy: whole statements, and resources added to statements that were there. */
export interface PolicyAddition {
  statements: PolicyStatement[];
  resources: Array<{ sid: string | null; resource: string }>;
}

/** Compares the policy before a write with the one written. `before` null: there was no policy. */
export function policyAddition(before: string | null, written: string): PolicyAddition {
  const beforeDoc: PolicyDocument = (before === null ? null : parsePolicyDocument(before)) ?? {
    Version: "2012-10-17",
    Statement: [],
  };
  const writtenDoc = parsePolicyDocument(written);
  if (!writtenDoc) return { statements: [], resources: [] };
  const beforeKeys = new Set(beforeDoc.Statement.map(canonical));
  const addition: PolicyAddition = { statements: [], resources: [] };
  for (const statement of writtenDoc.Statement) {
    if (beforeKeys.has(canonical(statement))) continue;
    const { Resource: _r, ...shape } = statement;
    const original = beforeDoc.Statement.find((s) => {
      const { Resource: _sr, ...sShape } = s;
      return canonical(sShape) === canonical(shape);
    });
    if (!original) {
      addition.statements.push(statement);
      continue;
    }
    const had = new Set(resourcesOf(original));
    for (const resource of resourcesOf(statement)) {
      if (!had.has(resource))
        addition.resources.push({ sid: typeof statement.Sid === "string" ? statement.Sid : null, resource });
    }
  }
  return addition;
}

/**
 * Takes an addition back out of the policy as it is now (others may have changed it since). Returns
 * the document to write, or null when nothing is left (delete the policy). `/aws/vendedlogs/*`
 * entries are kept: log groups made later may rely on them.
 */
export function withoutAddition(
  current: string,
  addition: PolicyAddition,
): { document: string | null; kept: string[] } {
  const document = parsePolicyDocument(current);
  if (!document) return { document: current, kept: [] };
  const kept: string[] = [];
  const keepResource = (resource: string) => {
    const keep = resource.includes(`:log-group:${VENDED_LOGS_PREFIX}*`);
    if (keep) kept.push(resource);
    return keep;
  };
  const addedKeys = new Set(
    addition.statements.filter((s) => !resourcesOf(s).some(keepResource)).map(canonical),
  );
  const statements: PolicyStatement[] = [];
  for (const statement of document.Statement) {
    if (addedKeys.has(canonical(statement))) continue;
    const sid = typeof statement.Sid === "string" ? statement.Sid : null;
    const remove = addition.resources
      .filter((r) => r.sid === sid && !keepResource(r.resource))
      .map((r) => r.resource);
    if (remove.length === 0) {
      statements.push(statement);
      continue;
    }
    const remaining = resourcesOf(statement).filter((r) => !remove.includes(r));
    if (remaining.length > 0) statements.push({ ...statement, Resource: remaining });
  }
  if (statements.length === 0) return { document: null, kept };
  return { document: JSON.stringify({ ...document, Statement: statements }), kept };
}

// ---------- Firehose delivery role ----------

export const FIREHOSE_SERVICE_PRINCIPAL = "firehose.amazonaws.com";
export const FIREHOSE_ROLE_POLICY_NAME = "firehose-s3-delivery";

/** Only Firehose, acting for this account, may assume the role (confused-deputy guard). */
export function firehoseTrustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: FIREHOSE_SERVICE_PRINCIPAL },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": accountId } },
      },
    ],
  });
}

/** What Firehose needs to write to one bucket, and nothing else. */
export function firehoseS3Policy(partition: string, bucket: string): string {
  const arn = `arn:${partition}:s3:::${bucket}`;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "s3:AbortMultipartUpload",
          "s3:GetBucketLocation",
          "s3:GetObject",
          "s3:ListBucket",
          "s3:ListBucketMultipartUploads",
          "s3:PutObject",
        ],
        Resource: [arn, `${arn}/*`],
      },
    ],
  });
}

export function bucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

export function logGroupArn(
  scope: { partition: string; region: string; accountId: string },
  name: string,
): string {
  return `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:${name}`;
}
