/**
 * Test switches for delivery (sandbox only, not saved): a destination that silently drops what Cognito
 * sends it (the state a stripped tag, a key policy or a full endpoint leaves on AWS, where Cognito
 * reports nothing), and a Firehose stream whose HTTP endpoint fails (records go to its backup bucket,
 * the stream's failure metrics rise). Set through `POST /_sandbox/delivery-faults`
 * `{ "destinationArn": "<log group, stream or bucket ARN>", "fault": "drop" | "endpoint-failure" | "none" }`.
 */
import { z } from "zod";
import { AwsError } from "../core/types.ts";

export const DELIVERY_FAULTS = ["drop", "endpoint-failure"] as const;
export type DeliveryFault = (typeof DELIVERY_FAULTS)[number];

const FaultInputSchema = z.object({
  destinationArn: z
    .string()
    .regex(
      /^arn:[^:]+:(logs|firehose|s3):/,
      "destinationArn must be a log group, Firehose stream or S3 bucket ARN",
    ),
  fault: z.enum([...DELIVERY_FAULTS, "none"]),
});

/** `arn:aws:logs:r:a:log-group:name:*` and `…:log-group:name` are one log group. */
const normalize = (arn: string) => arn.replace(/:\*$/, "");

export interface DeliveryFaults {
  /** Apply a switch from outside (the control route); throws AwsError on bad input. */
  set(input: unknown): { destinationArn: string; fault: DeliveryFault | "none" };
  list(): { destinationArn: string; fault: DeliveryFault }[];
  drops(destinationArn: string): boolean;
  endpointFails(accountId: string, region: string, streamName: string): boolean;
}

export function createDeliveryFaults(): DeliveryFaults {
  const faults = new Map<string, DeliveryFault>();
  return {
    set(input) {
      const parsed = FaultInputSchema.safeParse(input);
      if (!parsed.success) {
        throw new AwsError(
          "InvalidParameterException",
          `${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}. Send { "destinationArn": "arn:…", "fault": "drop" | "endpoint-failure" | "none" }.`,
        );
      }
      const arn = normalize(parsed.data.destinationArn);
      if (parsed.data.fault === "endpoint-failure" && !/^arn:[^:]+:firehose:/.test(arn)) {
        throw new AwsError(
          "InvalidParameterException",
          "endpoint-failure applies to a Firehose stream ARN only.",
        );
      }
      if (parsed.data.fault === "none") faults.delete(arn);
      else faults.set(arn, parsed.data.fault);
      return { destinationArn: arn, fault: parsed.data.fault };
    },
    list: () => [...faults].map(([destinationArn, fault]) => ({ destinationArn, fault })),
    drops: (arn) => faults.get(normalize(arn)) === "drop",
    endpointFails: (accountId, region, streamName) =>
      [...faults].some(
        ([arn, fault]) =>
          fault === "endpoint-failure" &&
          new RegExp(`^arn:[^:]+:firehose:${region}:${accountId}:deliverystream/`).test(arn) &&
          arn.endsWith(`/${streamName}`),
      ),
  };
}
