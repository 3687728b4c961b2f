// HOT's template versions as Heat (19) knows them: each `heat_template_version`
// with its release-name aliases, the top-level sections and keys it allows,
// and its functions, in the order and with the one-line descriptions that
// Heat's API gives (`GET /template_versions`, `GET /template_versions/{v}/functions`).
//
// A function is named by the implementation Heat uses for it in that version
// (`FunctionKind`): the same name may behave differently from one version to
// the next (get_attr, list_join, str_replace, repeat, if), and `Removed` marks a
// function the version names only to reject it.

/** Heat's implementation of a function (its class name in heat.engine.hot/cfn.functions). */
export type FunctionKind =
  | "GetParam"
  | "GetResource"
  | "GetAttThenSelect"
  | "GetAtt"
  | "GetAttAllAttributes"
  | "GetFile"
  | "Join"
  | "JoinMultiple"
  | "Replace"
  | "ReplaceJson"
  | "ReplaceJsonStrict"
  | "ReplaceJsonVeryStrict"
  | "ResourceFacade"
  | "Repeat"
  | "RepeatWithMap"
  | "RepeatWithNestedLoop"
  | "Digest"
  | "StrSplit"
  | "MapMerge"
  | "MapReplace"
  | "Yaql"
  | "If"
  | "IfNullable"
  | "Filter"
  | "MakeURL"
  | "ListConcat"
  | "ListConcatUnique"
  | "Contains"
  | "Equals"
  | "Not"
  | "And"
  | "Or"
  | "Removed"
  // AWS CloudFormation functions that HOT 2013-05-23 still has
  | "CfnGetAZs"
  | "CfnRef"
  | "CfnSelect"
  | "CfnJoin"
  | "CfnSplit"
  | "CfnReplace"
  | "CfnBase64"
  | "CfnMemberListToMap"
  | "CfnResourceFacade"
  // functions only the CloudFormation-compatible formats have
  | "CfnFindInMap"
  | "CfnGetAtt"
  | "CfnParamRef"
  | "CfnNot";

/** The summary line of each implementation's documentation in Heat 19, as the API lists it. */
const DESCRIPTIONS: Record<Exclude<FunctionKind, "Removed">, string> = {
  GetParam: "A function for resolving parameter references.",
  GetResource: "A function for resolving resource references.",
  GetAttThenSelect: "A function for resolving resource attributes.",
  GetAtt: "A function for resolving resource attributes.",
  GetAttAllAttributes: "A function for resolving resource attributes.",
  GetFile: "A function for including a file inline.",
  Join: "A function for joining strings.",
  JoinMultiple: "A function for joining one or more lists of strings.",
  Replace: "A function for performing string substitutions.",
  ReplaceJson: "A function for performing string substitutions.",
  ReplaceJsonStrict: "A function for performing string substitutions.",
  ReplaceJsonVeryStrict: "A function for performing string substitutions.",
  ResourceFacade: "A function for retrieving data in a parent provider template.",
  Repeat: "A function for iterating over a list of items.",
  RepeatWithMap: "A function for iterating over a list of items or a dict of keys.",
  RepeatWithNestedLoop: "A function for iterating over a list of items or a dict of keys.",
  Digest: "A function for performing digest operations.",
  StrSplit: "A function for splitting delimited strings into a list.",
  MapMerge: "A function for merging maps.",
  MapReplace: "A function for performing substitutions on maps.",
  Yaql: "A function for executing a yaql expression.",
  If: "A function to return corresponding value based on condition evaluation.",
  IfNullable: "A function to return corresponding value based on condition evaluation.",
  Filter: "A function for filtering out values from lists.",
  MakeURL: "A function for performing substitutions on maps.",
  ListConcat: "A function for extending lists.",
  ListConcatUnique: "A function for extending lists with unique items.",
  Contains: "A function for checking whether specific value is in sequence.",
  Equals: "A function for comparing whether two values are equal.",
  Not: "A function that acts as a NOT operator on a condition.",
  And: "A function that acts as an AND operator on conditions.",
  Or: "A function that acts as an OR operator on conditions.",
  CfnGetAZs: "A function for retrieving the availability zones.",
  CfnRef: "A function for resolving parameters or resource references.",
  CfnSelect: "A function for selecting an item from a list or map.",
  CfnJoin: "A function for joining strings.",
  CfnSplit: "A function for splitting strings.",
  CfnReplace: "A function for performing string substitutions.",
  CfnBase64: "A placeholder function for converting to base64.",
  CfnMemberListToMap: "A function to convert lists with enumerated keys and values to mapping.",
  CfnResourceFacade: "A function for retrieving data in a parent provider template.",
  CfnFindInMap: "A function for resolving keys in the template mappings.",
  CfnGetAtt: "A function for resolving resource attributes.",
  CfnParamRef: "A function for resolving parameter references.",
  CfnNot: "A function that acts as a NOT operator on a condition.",
};

type FunctionTable = readonly (readonly [string, FunctionKind])[];

/** The CloudFormation functions removed from 2014-10-16 on. */
const REMOVED_2014: FunctionTable = [
  ["Fn::GetAZs", "Removed"],
  ["Fn::Join", "Removed"],
  ["Fn::Split", "Removed"],
  ["Fn::Replace", "Removed"],
  ["Fn::Base64", "Removed"],
  ["Fn::MemberListToMap", "Removed"],
  ["Fn::ResourceFacade", "Removed"],
  ["Ref", "Removed"],
];

const F_20130523: FunctionTable = [
  ["Fn::GetAZs", "CfnGetAZs"],
  ["get_param", "GetParam"],
  ["get_resource", "GetResource"],
  ["Ref", "CfnRef"],
  ["get_attr", "GetAttThenSelect"],
  ["Fn::Select", "CfnSelect"],
  ["Fn::Join", "CfnJoin"],
  ["list_join", "Join"],
  ["Fn::Split", "CfnSplit"],
  ["str_replace", "Replace"],
  ["Fn::Replace", "CfnReplace"],
  ["Fn::Base64", "CfnBase64"],
  ["Fn::MemberListToMap", "CfnMemberListToMap"],
  ["resource_facade", "ResourceFacade"],
  ["Fn::ResourceFacade", "CfnResourceFacade"],
  ["get_file", "GetFile"],
];

const F_20141016: FunctionTable = [
  ["get_attr", "GetAtt"],
  ["get_file", "GetFile"],
  ["get_param", "GetParam"],
  ["get_resource", "GetResource"],
  ["list_join", "Join"],
  ["resource_facade", "ResourceFacade"],
  ["str_replace", "Replace"],
  ["Fn::Select", "CfnSelect"],
  ...REMOVED_2014,
];

const F_20150430: FunctionTable = [
  ["get_attr", "GetAtt"],
  ["get_file", "GetFile"],
  ["get_param", "GetParam"],
  ["get_resource", "GetResource"],
  ["list_join", "Join"],
  ["repeat", "Repeat"],
  ["resource_facade", "ResourceFacade"],
  ["str_replace", "Replace"],
  ["Fn::Select", "CfnSelect"],
  ["digest", "Digest"],
  ...REMOVED_2014,
];

/** The functions every version from 2015-10-15 on starts with (get_attr … str_replace, digest, str_split). */
function from20151015(repeat: FunctionKind): FunctionTable {
  return [
    ["get_attr", "GetAttAllAttributes"],
    ["get_file", "GetFile"],
    ["get_param", "GetParam"],
    ["get_resource", "GetResource"],
    ["list_join", "JoinMultiple"],
    ["repeat", repeat],
    ["resource_facade", "ResourceFacade"],
    ["str_replace", "ReplaceJson"],
    ["digest", "Digest"],
    ["str_split", "StrSplit"],
  ];
}

const REMOVED_2015: FunctionTable = [["Fn::Select", "Removed"], ...REMOVED_2014];

const F_20151015: FunctionTable = [...from20151015("Repeat"), ...REMOVED_2015];

const F_20160408: FunctionTable = [...from20151015("Repeat"), ["map_merge", "MapMerge"], ...REMOVED_2015];

function from20161014(repeat: FunctionKind, ifKind: FunctionKind): FunctionTable {
  return [
    ...from20151015(repeat),
    ["map_merge", "MapMerge"],
    ["yaql", "Yaql"],
    ["map_replace", "MapReplace"],
    ["if", ifKind],
  ];
}

const F_20161014: FunctionTable = [...from20161014("RepeatWithMap", "If"), ...REMOVED_2015];

const F_20170224: FunctionTable = [
  ...from20161014("RepeatWithMap", "If"),
  ["filter", "Filter"],
  ["str_replace_strict", "ReplaceJsonStrict"],
  ...REMOVED_2015,
];

function from20170901(ifKind: FunctionKind): FunctionTable {
  return [
    ...from20161014("RepeatWithNestedLoop", ifKind),
    ["filter", "Filter"],
    ["str_replace_strict", "ReplaceJsonStrict"],
    ["make_url", "MakeURL"],
    ["list_concat", "ListConcat"],
    ["str_replace_vstrict", "ReplaceJsonVeryStrict"],
    ["list_concat_unique", "ListConcatUnique"],
    ["contains", "Contains"],
    ...REMOVED_2015,
  ];
}

const C_20161014: FunctionTable = [
  ["get_param", "GetParam"],
  ["equals", "Equals"],
  ["not", "Not"],
  ["and", "And"],
  ["or", "Or"],
];

const C_20170901: FunctionTable = [...C_20161014, ["yaql", "Yaql"], ["contains", "Contains"]];

/** Top-level sections of every version; `conditions` from 2016-10-14. */
const SECTIONS = ["heat_template_version", "description", "parameter_groups", "parameters", "resources", "outputs"];
const RESOURCE_KEYS = [
  "type",
  "properties",
  "metadata",
  "depends_on",
  "deletion_policy",
  "update_policy",
  "description",
];
const PARAMETER_KEYS = ["type", "description", "default", "schema", "constraints", "hidden", "label", "immutable"];
const CONSTRAINTS = ["length", "range", "allowed_values", "allowed_pattern", "custom_constraint"];

export interface HotTemplateVersion {
  /**
   * The version as a date, "2016-10-14". The CloudFormation-compatible formats have theirs too ("2010-09-09",
   * "2012-12-12"): older than every HOT version, so what HOT added later (lower-case deletion policies …) they lack.
   */
  date: string;
  /** The key that names the version: heat_template_version, or a CloudFormation-compatible format's. */
  key: string;
  /** Release names that mean this version ("newton"). */
  aliases: string[];
  /** Top-level sections the template may have. */
  sections: string[];
  /** Keys of a resource definition. */
  resourceKeys: string[];
  /** Keys of an output definition. */
  outputKeys: string[];
  /** Keys of a parameter definition. */
  parameterKeys: string[];
  /** Parameter constraints it knows (besides `description`). */
  parameterConstraints: string[];
  /** `deletion_policy` values (the lower-case aliases from 2016-10-14). */
  deletionPolicies: string[];
  /** Its functions, in Heat's order (`Removed`: named only to be rejected). */
  functions: FunctionTable;
  /** The functions of the `conditions` section (and of `if`'s condition), from 2016-10-14. */
  conditionFunctions: FunctionTable;
}

const VERSION_KEY = "heat_template_version";

function version(
  date: string,
  aliases: string[],
  functions: FunctionTable,
  conditionFunctions: FunctionTable = [],
): HotTemplateVersion {
  const conditions = date >= "2016-10-14";
  return {
    date,
    key: VERSION_KEY,
    aliases,
    sections: conditions ? [...SECTIONS, "conditions"] : SECTIONS,
    resourceKeys: conditions ? [...RESOURCE_KEYS, "external_id", "condition"] : RESOURCE_KEYS,
    outputKeys: conditions ? ["description", "value", "condition"] : ["description", "value"],
    parameterKeys: date >= "2018-03-02" ? [...PARAMETER_KEYS, "tags"] : PARAMETER_KEYS,
    parameterConstraints: date >= "2017-02-24" ? [...CONSTRAINTS, "modulo"] : CONSTRAINTS,
    deletionPolicies: conditions
      ? ["Delete", "Retain", "Snapshot", "delete", "retain", "snapshot"]
      : ["Delete", "Retain", "Snapshot"],
    functions,
    conditionFunctions,
  };
}

/** Every HOT version, oldest first. */
export const HOT_TEMPLATE_VERSIONS: readonly HotTemplateVersion[] = [
  version("2013-05-23", [], F_20130523),
  version("2014-10-16", [], F_20141016),
  version("2015-04-30", [], F_20150430),
  version("2015-10-15", [], F_20151015),
  version("2016-04-08", [], F_20160408),
  version("2016-10-14", ["newton"], F_20161014, C_20161014),
  version("2017-02-24", ["ocata"], F_20170224, C_20161014),
  version("2017-09-01", ["pike"], from20170901("If"), C_20170901),
  version("2018-03-02", ["queens"], from20170901("If"), C_20170901),
  version("2018-08-31", ["rocky"], from20170901("If"), C_20170901),
  version("2021-04-16", ["wallaby"], from20170901("IfNullable"), C_20170901),
];

/** The functions of CloudFormation-compatible templates (heat/engine/cfn/template.py), in Heat's order. */
const F_HEAT_20121212: FunctionTable = [
  ["Fn::FindInMap", "CfnFindInMap"],
  ["Fn::GetAZs", "CfnGetAZs"],
  ["Ref", "CfnRef"],
  ["Fn::GetAtt", "CfnGetAtt"],
  ["Fn::Select", "CfnSelect"],
  ["Fn::Join", "CfnJoin"],
  ["Fn::Split", "CfnSplit"],
  ["Fn::Replace", "CfnReplace"],
  ["Fn::Base64", "CfnBase64"],
  ["Fn::MemberListToMap", "CfnMemberListToMap"],
  ["Fn::ResourceFacade", "CfnResourceFacade"],
];

const C_AWS_20100909: FunctionTable = [
  ["Fn::Equals", "Equals"],
  ["Ref", "CfnParamRef"],
  ["Fn::FindInMap", "CfnFindInMap"],
  ["Fn::Not", "CfnNot"],
  ["Fn::And", "And"],
  ["Fn::Or", "Or"],
];

/**
 * The CloudFormation-compatible formats, by the key that names them: AWSTemplateFormatVersion 2010-09-09 (Heat's
 * CfnTemplate: Conditions, a resource's and an output's Condition, Fn::If) and HeatTemplateFormatVersion 2012-12-12
 * (HeatTemplate: neither). Sections and keys are given as templates/cfn/cfn-template.ts presents them (HOT's names).
 */
export const CFN_TEMPLATE_VERSIONS: readonly HotTemplateVersion[] = [
  {
    ...version("2010-09-09", [], [...F_HEAT_20121212, ["Fn::If", "If"]], C_AWS_20100909),
    key: "AWSTemplateFormatVersion",
    sections: [...SECTIONS, "conditions", "mappings"],
    resourceKeys: [...RESOURCE_KEYS, "condition"],
    outputKeys: ["description", "value", "condition"],
  },
  {
    ...version("2012-12-12", [], F_HEAT_20121212),
    key: "HeatTemplateFormatVersion",
    sections: [...SECTIONS, "mappings"],
  },
];

/** The CloudFormation-compatible format `key: value` names, or undefined. */
export function cfnTemplateVersion(key: string, value: unknown): HotTemplateVersion | undefined {
  const v = value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
  return CFN_TEMPLATE_VERSIONS.find((t) => t.key === key && t.date === v);
}

/** Any format's version by its date (HOT's, or a CloudFormation-compatible one's), as templates carry it. */
export function templateVersionOfDate(date: string): HotTemplateVersion | undefined {
  return hotTemplateVersion(date) ?? CFN_TEMPLATE_VERSIONS.find((t) => t.date === date);
}

/**
 * The version a template's `heat_template_version` names (a date, or a release name; YAML may have read an
 * unquoted date as a Date), or undefined when HOT has no such version.
 */
export function hotTemplateVersion(value: unknown): HotTemplateVersion | undefined {
  const v = value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
  if (typeof v !== "string") return undefined;
  return HOT_TEMPLATE_VERSIONS.find((t) => t.date === v || t.aliases.includes(v));
}

/**
 * Heat's explanation when `heat_template_version` names no version:
 * `"heat_template_version: 2099-01-01". "heat_template_version" should be one of: 2013-05-23, …, wallaby`.
 */
export function unknownVersionExplanation(value: unknown): string {
  const names = HOT_TEMPLATE_VERSIONS.flatMap((t) => [t.date, ...t.aliases]).sort();
  return `"${VERSION_KEY}: ${String(value)}". "${VERSION_KEY}" should be one of: ${names.join(", ")}`;
}

/** Heat's whole message for an unknown version (an InvalidTemplateVersion, HTTP 400). */
export function unknownVersionMessage(value: unknown): string {
  return `The template version is invalid: ${unknownVersionExplanation(value)}`;
}

/** What `GET /template_versions` lists for HOT: each version by its dated name, with its aliases. */
export function listTemplateVersions(): { version: string; type: "hot" | "cfn"; aliases: string[] }[] {
  return [
    ...CFN_TEMPLATE_VERSIONS.map((t) => ({ version: `${t.key}.${t.date}`, type: "cfn" as const, aliases: [] })),
    ...HOT_TEMPLATE_VERSIONS.map((t) => ({
      version: `${VERSION_KEY}.${t.date}`,
      type: "hot" as const,
      aliases: t.aliases.map((a) => `${VERSION_KEY}.${a}`),
    })),
  ];
}

/**
 * What `GET /template_versions/{version}/functions` lists (`version` as the API names it:
 * "heat_template_version.2016-10-14" or "heat_template_version.newton"), Removed functions left out; with
 * `withConditionFunctions` (`?with_condition_func=true`) the condition functions follow (those not already
 * listed). Undefined when there is no such version (Heat: 404 "Template with version … not found").
 */
export function templateFunctions(
  version: string,
  withConditionFunctions = false,
): { functions: string; description: string }[] | undefined {
  const dot = version.indexOf(".");
  if (dot < 0) return undefined;
  const [key, named] = [version.slice(0, dot), version.slice(dot + 1)];
  const t = key === VERSION_KEY ? hotTemplateVersion(named) : cfnTemplateVersion(key, named);
  if (!t) return undefined;
  const table = new Map<string, FunctionKind>(t.functions);
  if (withConditionFunctions) for (const [name, kind] of t.conditionFunctions) table.set(name, kind);
  const out: { functions: string; description: string }[] = [];
  for (const [name, kind] of table)
    if (kind !== "Removed") out.push({ functions: name, description: DESCRIPTIONS[kind] });
  return out;
}

/** Heat's message when the API is asked for the functions of a version it does not have. */
export function templateVersionNotFoundMessage(version: string): string {
  return `Template with version ${version} not found`;
}

/** The implementation `name` has in `version` (a date), undefined when the version has no such function. */
export function functionKind(version: HotTemplateVersion, name: string): FunctionKind | undefined {
  for (const [n, k] of version.functions) if (n === name) return k;
  return undefined;
}

/** The implementation `name` has in the conditions of `version`. */
export function conditionFunctionKind(version: HotTemplateVersion, name: string): FunctionKind | undefined {
  for (const [n, k] of version.conditionFunctions) if (n === name) return k;
  return undefined;
}

/** The oldest version that has `name` as a function (not Removed), or undefined when none has. */
export function firstVersionWith(name: string): HotTemplateVersion | undefined {
  return HOT_TEMPLATE_VERSIONS.find((t) => {
    const k = functionKind(t, name);
    return k !== undefined && k !== "Removed";
  });
}
