/** STS (awsQuery): GetCallerIdentity, which the console uses to learn its account for same-account checks. */

import type { QueryService } from "../../core/types.ts";

export function createStsService(): QueryService {
  return {
    signingName: "sts",
    xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
    operations: {
      GetCallerIdentity(_params, ctx) {
        return {
          Arn: `arn:aws:iam::${ctx.accountId}:user/sandbox`,
          UserId: "AIDASANDBOXUSER000001",
          Account: ctx.accountId,
        };
      },
    },
  };
}
