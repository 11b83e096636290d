export * from "./api.ts";
export * from "./api-auth.ts";
export * from "./arn.ts";
export * from "./aws-config.ts";
export * from "./aws-request.ts";
export * from "./labels.ts";
export * from "./model.ts";
export * from "./validate.ts";
