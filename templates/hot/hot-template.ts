// The HOT front end: a Heat stack's sources (templates/hot/hot-sources.ts:
// the template, its environments in order, its files) into the raw
// configuration the shared builder makes the model of.
//
// What is static in Heat is decided here: parameters (environments
// applied), conditions (they depend only on parameters, so a resource whose
// condition is false is simply absent), the types after the environment's
// resource_registry, and a ResourceGroup's members (one model resource of the
// member type, for_each over the members' names). Everything else becomes
// expressions: values are compiled by HOT's intrinsic functions
// (templates/hot/intrinsic-functions.ts), never as `${}` templates; a
// resource is referred to by its model address (get_resource is the attribute
// contract/heat-reference-attributes.ts names for its type, usually `id`).
//
// Each resource keeps its Heat name and type in ResourceConfig.source.
// A resource whose type is a provider template is a nested stack: a module
// instance of its own template (templates/hot/provider-template.ts).

import type { DiagnosticBag, Origin } from "../../contract/diagnostics.js";
import { referenceAttributeOf } from "../../contract/heat-reference-attributes.js";
import { modelTypeOfHeatType, renamedHeatProperty } from "../../contract/heat-type-names.js";
import { UNKNOWN, type Value } from "../../contract/values.js";
import { evaluateConstant } from "../../planner/constant-expression.js";
import { EMPTY_DEFINITION_TEXT, resourceDefinitionText } from "./resource-definition.js";
import type { Expr, Step } from "../../planner/expressions/ast.js";
import type {
  Config,
  ImportConfig,
  ModuleCallConfig,
  OutputConfig,
  ResourceConfig,
  SourceFile,
} from "../../planner/model.js";
import { buildConfigFragment } from "../config-builder.js";
import { emptyFragment, type ConfigFragment } from "../fragment.js";
import type { RawConfig, RawDeclaration, RawDialect, RawNode } from "../raw-config.js";
import { ComposedNode, LeafNode } from "./composed-node.js";
import { mergeEnvironments, parseEnvironment, type HotEnvironment } from "./environment.js";
import { invalidJson, jsonOffset, lineColumn, scanJson } from "../json-positions.js";
import { HOT_ADOPT_FILE, HOT_FILES_FILE, HOT_TEMPLATE_FILE, HOT_VALIDATE_FILE } from "./hot-sources.js";
import { readHotYaml } from "./hot-yaml.js";
import { asHotShape, CfnTemplateView } from "../cfn/cfn-template.js";
import {
  compileIntrinsics,
  type FacadeAttribute,
  HotConditions,
  type IntrinsicContext,
} from "./intrinsic-functions.js";
import { validateParameterGroups } from "./parameter-groups.js";
import { parameterTypesOf, resolveParameters } from "./parameters.js";
import { type MemberDefinition, memberStackTemplate } from "./member-stack.js";
import { chainGeneration, readResourceChain, RESOURCE_CHAIN_TYPE, type ResourceChain } from "./resource-chain.js";
import {
  groupAttribute,
  groupMembers,
  type MemberKind,
  type MemberSet,
  readResourceGroup,
  RESOURCE_GROUP_TYPE,
  type ResourceGroup,
  withIndex,
} from "./resource-group.js";
import {
  checkAgainstFacade,
  checkProviderProperties,
  MAX_NESTED_DEPTH,
  moduleOutputsRef,
  NESTED_STACK_MODEL_TYPE,
  nestedConfig,
  nestedModuleCall,
  nestedStackIdentity,
  providerEnvironment,
  OUTPUT_ERROR_OUTPUT,
  METADATA_OUTPUT,
  isAddedOutput,
  RESOURCE_ATTRIBUTE_OUTPUT,
  splitProperties,
  stackArn,
} from "./provider-template.js";
import {
  checkRemoteParameters,
  REMOTE_STACK_ATTRIBUTES,
  REMOTE_STACK_TYPE,
  readRemoteStack,
  remoteEnvironment,
} from "./remote-stack.js";
import { modelNameOfHeatName, noneAttributeRef, resourceRef } from "./resource-names.js";
import { nestedStackPath, notAnIntegerText, propertiesReadByValidate } from "./nested-validation.js";
import { resolveResourceType } from "./resource-registry.js";
import {
  hotTemplateVersion,
  type HotTemplateVersion,
  templateVersionOfDate,
  unknownVersionMessage,
} from "./template-versions.js";

/** Fields of a resource body the builder reads as meta-arguments: a Heat property may not take these names. */
const RESERVED_PROPERTIES = new Set([
  "count",
  "for_each",
  "depends_on",
  "lifecycle",
  "update_policy",
  "provider",
  "dynamic",
  "provisioner",
  "connection",
]);

const DELETION_POLICIES = ["Delete", "Retain", "Snapshot"];

/** Heat's pseudo parameters: every template has them. */
const PSEUDO_PARAMETERS = ["OS::stack_name", "OS::stack_id", "OS::project_id"];
/** A CloudFormation-compatible template's (heat/engine/cfn/parameters.py); AWS::Region is always Heat's default. */
const CFN_PSEUDO_PARAMETERS = ["AWS::StackId", "AWS::StackName", "AWS::Region"];
const CFN_REGION = "ap-southeast-1";
/** The HOT version of the nested stack of a group's or chain's members in a CloudFormation-compatible template. */
const CFN_MEMBER_STACK_VERSION = "2015-04-30";

/** A resource of the template as the front end sees it before building. */
export interface HotResource {
  heatName: string;
  heatType: string;
  node: RawNode;
  /** False when its condition is false: absent from the model, references to it are null. */
  enabled: boolean;
  /** The model's type (for a group: its members'), undefined when it cannot be made (reported). */
  modelType?: string;
  modelName: string;
  /** heat_none: the properties are ignored. */
  none?: boolean;
  group?: ResourceGroup;
  /** A provider template resource: a nested stack (also a ResourceChain's members, a group's provider members). */
  provider?: ProviderStack;
}

/** A nested stack of a provider template resource, as its parent compiles it. */
interface ProviderStack {
  file: string;
  /** The type as the registry mapped it to the file (removed from the nested stack's registry). */
  mappedType: string;
  root: RawNode;
  id: string;
  name: string;
  child?: HotStack;
  config?: Config;
  call?: ModuleCallConfig;
  /** An OS::Heat::Stack: a stack of its own (no parent) from its template text (templates/hot/remote-stack.ts). */
  remote?: { text: string; parameters: Map<string, RawNode>; timeout?: number };
  /** The members of a ResourceChain or of a ResourceGroup of provider templates (templates/hot/member-stack.ts). */
  members?: {
    text: string;
    inputs: Map<string, { node: RawNode; expr: Expr }>;
    names: string[];
    removed?: string[];
    /** A group's members (not a chain's). */
    group?: boolean;
    /** The group's rolling_update (resource-group.ts): each member's nested stack is updated as one member. */
    updatePolicy?: RawNode;
  };
}

/** A nested template being compiled: its depth, pseudo parameters and the parameters given at run time. */
interface NestedOptions {
  /** The template's name in the files map. */
  file: string;
  depth: number;
  pseudo: Map<string, Value>;
  later: ReadonlySet<string>;
  /** The parent resource's metadata, deletion policy and update policy (resource_facade); none for OS::Heat::Stack. */
  facade?: Record<FacadeAttribute, Value>;
  /** Heat validates it (templates/hot/nested-validation.ts): its name in Heat's errors. */
  heatPath?: string;
  /** A group's members: only these members' nested stacks are validated (Heat validates the first). */
  validatedMembers?: ReadonlySet<string>;
  /** A group's members with a rolling_update: each member resource, with its nested stack, is one member of it. */
  memberPolicy?: RawNode;
  /** In a member's nested stack (and stacks nested in it): the update policy, with the member, of every resource. */
  rollingMember?: RawNode;
}

/** The files of a HOT stack (template, environments, files map) into one fragment of the model. */
export function parseHotStack(files: SourceFile[], bag: DiagnosticBag): ConfigFragment {
  const template = files.find((f) => f.path === HOT_TEMPLATE_FILE);
  if (!template) return emptyFragment();
  const read = readHotYaml(HOT_TEMPLATE_FILE, stripBom(template.content), bag);
  const root = read && asHotShape(read, bag);
  const envs = files
    .filter((f) => ![HOT_TEMPLATE_FILE, HOT_FILES_FILE, HOT_VALIDATE_FILE, HOT_ADOPT_FILE].includes(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((f) => parseEnvironment(f.path, stripBom(f.content), bag));
  // the stack's pseudo parameters arrive in an environment too: kept through the merge
  const parameterTypes = root
    ? {
        ...parameterTypesOf(root.child("parameters")),
        ...Object.fromEntries(PSEUDO_PARAMETERS.map((p) => [p, "string"])),
      }
    : undefined;
  const env = mergeEnvironments(envs, { parameterTypes, bag });
  const fileMap = readFilesMap(
    files.find((f) => f.path === HOT_FILES_FILE),
    bag,
  );
  if (!root) return emptyFragment();
  const validateOnly = files.some((f) => f.path === HOT_VALIDATE_FILE);
  const stack = new HotStack(root, env, fileMap, bag, validateOnly);
  const adopt = files.find((f) => f.path === HOT_ADOPT_FILE);
  if (adopt) stack.adopted = readAdoptData(adopt, bag);
  return stack.build();
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** The adopt file: the resources to take over, by name; reported and ignored when it is not a map. */
function readAdoptData(f: SourceFile, bag: DiagnosticBag): Record<string, unknown> {
  try {
    const v = JSON.parse(stripBom(f.content)) as unknown;
    if (isMap(v)) return v;
  } catch {
    /* reported below */
  }
  bag.error(`${f.path} must be a map of resource names to their adopt data`, {
    file: f.path,
    path: [],
    line: 1,
    column: 1,
  });
  return {};
}

function readFilesMap(f: SourceFile | undefined, bag: DiagnosticBag): Record<string, string> {
  if (!f) return {};
  const text = stripBom(f.content);
  let v: unknown;
  try {
    v = JSON.parse(text) as unknown;
  } catch (e) {
    const { summary, origin } = invalidJson(f.path, text, (e as Error).message);
    bag.error(summary, origin);
    return {};
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    bag.error(`${f.path} must be a map of file names to their contents`, {
      file: f.path,
      path: [],
      line: 1,
      column: 1,
    });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, content] of Object.entries(v)) {
    if (typeof content === "string")
      Object.defineProperty(out, name, { value: content, enumerable: true, writable: true, configurable: true });
    else
      bag.error(`${f.path}: the content of file "${name}" must be a string, got ${pyTypeName(content)}`, {
        file: f.path,
        path: [name],
        ...lineColumn(text, jsonOffset(scanJson(text), [name])),
      });
  }
  return out;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const lit = (v: Value): Expr => ({ k: "lit", v });

/** One template being compiled: its parameters, conditions and resources. */
class HotStack implements IntrinsicContext {
  version = "";
  private params = new Map<string, Value>();
  private declaredParams = new Set<string>();
  private conditions: HotConditions | undefined;
  private readonly pseudo = new Map<string, Value>();
  private resources = new Map<string, HotResource>();
  /** Values compiled ahead of the builder (a group's members: the index variable replaced). */
  private compiled = new WeakMap<RawNode, Expr>();
  private readonly dialect: RawDialect;
  /** While an output's value is compiled: the errors that make it null (Heat's output_error). */
  private outputErrors?: string[];
  /** Adopting: Heat's adopt data of the template's resources, by name. */
  adopted?: Record<string, unknown>;
  /** Imports of nested stacks' resources (adopting), made imports of this template's configuration. */
  private readonly nestedImports: ImportConfig[] = [];

  constructor(
    private readonly root: RawNode,
    private readonly env: HotEnvironment,
    private readonly files: Record<string, string>,
    readonly bag: DiagnosticBag,
    /** Only validating: a parameter without a value is unknown, and values are not checked. */
    private readonly validateOnly = false,
    /** Set for a nested stack's template. */
    private readonly nested?: NestedOptions,
  ) {
    if (nested) for (const [k, v] of nested.pseudo) this.pseudo.set(k, v);
    this.dialect = {
      typePrefix: "",
      shortTypeNames: false,
      blockLists: false,
      compile: (node) => this.compiled.get(node) ?? compileIntrinsics(node, this),
      importData: true,
    };
  }

  /** The file the template was read from (its name in the files map for a nested template). */
  private get templateFile(): string {
    return this.nested?.file ?? HOT_TEMPLATE_FILE;
  }

  build(): ConfigFragment {
    const t = this.root.value as Record<string, unknown>;
    if (!this.readVersion(t)) return emptyFragment();
    const sections = this.versionInfo().sections;
    for (const k of Object.keys(t))
      if (!sections.includes(k)) this.bag.error(`The template section is invalid: ${k}`, this.root.child(k).origin);

    const paramsNode = this.root.child("parameters");
    if (isMap(paramsNode.value)) for (const k of Object.keys(paramsNode.value)) this.declaredParams.add(k);
    // the stack's own name, id and project come from whoever runs the stack, not from the template's parameters
    const given = { ...this.env.parameters };
    const defaults = { ...this.env.parameterDefaults };
    for (const p of PSEUDO_PARAMETERS) {
      for (const from of [defaults, given]) {
        if (!Object.hasOwn(from, p)) continue;
        // a nested stack has its own (given by its parent's front end), not its parent's
        if (!this.nested) this.pseudo.set(p, from[p] as Value);
        delete from[p];
      }
    }
    const env = { ...this.env, parameters: given, parameterDefaults: defaults };
    this.params = resolveParameters(this.templateFile, paramsNode, env, this.bag, {
      version: this.version,
      validateValues: !this.validateOnly,
      ...(this.nested && { suppliedLater: this.nested.later }),
    });
    validateParameterGroups(this.root.child("parameter_groups"), paramsNode, this.bag);
    // Heat decides every condition, used or not
    this.conditions = new HotConditions(this.root.child("conditions"));
    this.conditions.all(this);

    this.readResources();
    this.checkReadByValidate();
    for (const r of this.resources.values()) if (r.enabled && r.provider) this.buildNested(r);
    const declarations: RawDeclaration[] = [];
    const sources = new Map<string, NonNullable<ResourceConfig["source"]>>();
    const retained = new Set<string>();
    for (const r of this.resources.values()) {
      if (!r.enabled || r.modelType === undefined) continue;
      const d = this.resourceDeclaration(r);
      if (!d) continue;
      declarations.push(...d.declarations);
      const key = `${r.modelType}.${r.modelName}`;
      sources.set(key, {
        name: r.heatName,
        type: r.heatType,
        ...(r.group && { group: this.groupStack(r) }),
        ...this.definitionOf(r),
      });
      if (d.retain) retained.add(key);
    }
    declarations.push(...this.outputDeclarations());
    declarations.push(...this.metadataDeclarations());

    const raw: RawConfig = { file: this.templateFile, dialect: this.dialect, declarations };
    const frag = buildConfigFragment(raw, this.bag);
    for (const o of frag.outputs) if (isAddedOutput(o.name)) o.internal = true;
    frag.imports.push(...this.nestedImports);
    for (const r of this.resources.values()) if (r.enabled && r.provider?.call) frag.modules.push(r.provider.call);
    for (const r of frag.resources) {
      r.source = sources.get(r.key);
      // a copy: resources without a lifecycle block share one (templates/resource-builder.ts)
      r.lifecycle = { ...r.lifecycle };
      if (retained.has(r.key)) r.lifecycle.destroy = false;
      // Heat's convergence replaces a resource by creating the new one first, then deleting the old one
      r.lifecycle.createBeforeDestroy = true;
    }
    return frag;
  }

  /** What the template's version allows (known once readVersion succeeded). */
  private versionInfo(): HotTemplateVersion {
    return templateVersionOfDate(this.version) as HotTemplateVersion;
  }

  private readVersion(t: Record<string, unknown>): boolean {
    if (this.root instanceof CfnTemplateView) {
      this.version = this.root.version.date;
      return true;
    }
    if (!Object.hasOwn(t, "heat_template_version")) {
      this.bag.error("Template format version not found.", this.root.origin);
      return false;
    }
    const node = this.root.child("heat_template_version");
    if (typeof node.value !== "string") {
      this.bag.error("The template version is invalid: Template version was not provided", node.origin);
      return false;
    }
    const date = hotTemplateVersion(node.value)?.date;
    if (!date) {
      this.bag.error(unknownVersionMessage(node.value), node.origin);
      return false;
    }
    this.version = date;
    return true;
  }

  // ---- resources ----

  private readResources(): void {
    const section = this.root.child("resources");
    const v = section.value;
    if (v === undefined || v === null) return;
    if (!isMap(v)) {
      this.bag.error(
        `"resources" must contain a map of resource maps. Found a [${pyTypeName(v)}] instead`,
        section.origin,
      );
      return;
    }
    const keys = this.versionInfo().resourceKeys;
    for (const heatName of Object.keys(v)) {
      const node = section.child(heatName);
      const body = node.value;
      if (!isMap(body) || Object.keys(body).length === 0) {
        this.bag.error("Each resource must contain a type key.", node.origin);
        continue;
      }
      let ok = true;
      for (const k of Object.keys(body))
        if (!keys.includes(k)) {
          this.bag.error(`"${k}" is not a valid keyword inside a resource definition`, node.child(k).origin);
          ok = false;
        }
      if (!Object.hasOwn(body, "type")) {
        this.bag.error("Each resource must contain a type key.", node.origin);
        continue;
      }
      const typeNode = node.child("type");
      if (typeof typeNode.value !== "string") {
        this.bag.error(`Resource ${heatName} ${this.keyword("type")} type must be string`, typeNode.origin);
        continue;
      }
      const r: HotResource = {
        heatName,
        heatType: typeNode.value,
        node,
        enabled: true,
        modelName: modelNameOfHeatName(heatName),
      };
      this.resources.set(heatName, r);
      if (!ok) continue;
      if (Object.hasOwn(body, "condition")) r.enabled = this.conditionOf(node.child("condition")) ?? false;
      if (r.enabled) this.resolveKind(r, typeNode.origin);
    }
  }

  /** The model type of `r` after the registry (a group: read, its members' type). */
  private resolveKind(r: HotResource, at: Origin): void {
    const resolved = resolveResourceType(this.env, r.heatName, r.heatType);
    if (resolved.kind === "none") {
      r.none = true;
      r.modelType = modelTypeOfHeatType("OS::Heat::None");
      return;
    }
    if (resolved.kind === "template") {
      this.readProvider(r, resolved.file, at);
      return;
    }
    if (resolved.heatType === REMOTE_STACK_TYPE) {
      const remote = readRemoteStack(r, this);
      if (remote) {
        this.startNested(r, remote.file, remote.root, at);
        if (r.provider)
          r.provider.remote = {
            text: remote.text,
            parameters: remote.parameters,
            ...(remote.timeout !== undefined && { timeout: remote.timeout }),
          };
      }
      return;
    }
    if (resolved.heatType === RESOURCE_GROUP_TYPE) {
      const group = readResourceGroup(r, this);
      if (group?.memberTemplate) {
        this.startMemberStack(r, this.groupMemberDefinitions(r, group), group.names, at, group.removed, true);
        if (r.provider?.members && group.updatePolicy) r.provider.members.updatePolicy = group.updatePolicy;
        return;
      }
      r.group = group;
      r.modelType = group?.memberModelType;
      return;
    }
    if (resolved.heatType === RESOURCE_CHAIN_TYPE) {
      const chain = readResourceChain(r, this);
      if (!chain) return;
      const members = this.chainMemberDefinitions(r, chain);
      const generation = chainGeneration(chain.concurrent, members[0]?.properties ?? new Map());
      this.startMemberStack(
        r,
        members,
        chain.members.map((m) => m.name),
        at,
        undefined,
        false,
        generation,
      );
      return;
    }
    // heat_nested_stack is what a provider template becomes, not a type to write
    const made = modelTypeOfHeatType(resolved.heatType);
    const model = made === NESTED_STACK_MODEL_TYPE ? undefined : made;
    if (model === undefined) this.bag.error(`The Resource Type (${resolved.heatType}) could not be found.`, at);
    r.modelType = model;
  }

  /** A provider template resource: its template read (compiled later, once every resource is known). */
  private readProvider(r: HotResource, file: string, at: Origin): void {
    if (this.nestedTooDeep(at)) return;
    const text = this.file(file);
    if (text === undefined) {
      this.bag.error(`Could not fetch remote template "${file}": Invalid URL scheme `, at);
      return;
    }
    const read = readHotYaml(file, stripBom(text), this.bag);
    const root = read && asHotShape(read, this.bag);
    if (!root) return;
    if (!isMap(root.value)) {
      this.bag.error(`Error parsing template ${file}: the template is not a map`, at);
      return;
    }
    if (!this.fitsFacade(r, file, root, at)) return;
    this.startNested(r, file, root, at);
  }

  /**
   * A provider template a per-resource mapping gives, where the global mapping of the same type gives another
   * template (its facade): Heat checks the provider against the facade (provider-template.ts checkAgainstFacade).
   */
  private fitsFacade(r: HotResource, file: string, root: RawNode, at: Origin): boolean {
    const registry = { ...this.env.resourceRegistry };
    delete registry.resources;
    const facade = resolveResourceType({ ...this.env, resourceRegistry: registry }, r.heatName, r.heatType);
    if (facade.kind !== "template" || facade.file === file) return true;
    const text = this.file(facade.file);
    if (text === undefined) return true;
    const read = readHotYaml(facade.file, stripBom(text), this.bag);
    const facadeRoot = read && asHotShape(read, this.bag);
    if (!facadeRoot) return false;
    return checkAgainstFacade(r.heatType, facadeRoot, root, at, this.bag);
  }

  private nestedTooDeep(at: Origin): boolean {
    const depth = (this.nested?.depth ?? 0) + 1;
    if (depth <= MAX_NESTED_DEPTH) return false;
    this.bag.error(`Recursion depth exceeds ${MAX_NESTED_DEPTH}.`, at);
    return true;
  }

  /** The nested stack a group's members are shown in (Heat's ResourceGroup is a nested stack): who it is. */
  private groupStack(r: HotResource): { memberType: string; stackId: string; stackName: string } {
    const parentId = this.pseudo.get("OS::stack_id");
    const parentName = this.pseudo.get("OS::stack_name");
    const identity = nestedStackIdentity(
      typeof parentId === "string" ? parentId : "",
      typeof parentName === "string" ? parentName : "",
      r.heatName,
    );
    return { memberType: r.group!.memberHeatType, stackId: identity.id, stackName: identity.name };
  }

  /**
   * A nested stack (of a provider template or an OS::Heat::Stack) from its template: its identity. `generation`:
   * what the resource cannot update in place (a chain's), when set: another nested stack (and module) per value.
   */
  private startNested(r: HotResource, file: string, root: RawNode, at: Origin, generation?: string): void {
    if (this.nestedTooDeep(at)) return;
    const parentId = this.pseudo.get("OS::stack_id");
    const parentName = this.pseudo.get("OS::stack_name");
    const identity = nestedStackIdentity(
      typeof parentId === "string" ? parentId : "",
      typeof parentName === "string" ? parentName : "",
      r.heatName,
      generation,
    );
    if (generation) r.modelName = `${r.modelName}_${generation}`;
    r.provider = { file, mappedType: r.heatType, root, ...identity };
    r.modelType = NESTED_STACK_MODEL_TYPE;
  }

  /** The nested stack of a chain's or a group's members (templates/hot/member-stack.ts): its template made. */
  private startMemberStack(
    r: HotResource,
    members: MemberDefinition[],
    names: string[],
    at: Origin,
    removed?: string[],
    group = false,
    generation?: string,
  ): void {
    const version =
      this.root instanceof CfnTemplateView
        ? CFN_MEMBER_STACK_VERSION
        : String(this.root.child("heat_template_version").value);
    const t = memberStackTemplate(version, r.node.origin, members);
    this.startNested(r, `resources.${r.heatName}`, t.root, at, generation);
    if (r.provider)
      r.provider.members = {
        text: t.text,
        inputs: t.inputs,
        names,
        ...(removed && { removed }),
        ...(group && { group }),
      };
  }

  /** A group's members: each of the member type, its properties with the index variable replaced by its name. */
  private groupMemberDefinitions(r: HotResource, g: ResourceGroup): MemberDefinition[] {
    const def = r.node.child("properties").child("resource_def");
    const props = def.child("properties");
    return g.names.map((name) => {
      const properties = new Map<string, { node: RawNode; expr: Expr }>();
      if (isMap(props.value))
        for (const k of Object.keys(props.value)) {
          const node = props.child(k);
          properties.set(k, { node, expr: withIndex(compileIntrinsics(node, this), g.indexVar, lit(name)) });
        }
      return { name, type: g.memberHeatType, typeOrigin: def.child("type").origin, properties };
    });
  }

  /** A chain's members: each given resource_properties, after the one before it unless the chain is concurrent. */
  private chainMemberDefinitions(r: HotResource, c: ResourceChain): MemberDefinition[] {
    const at = r.node.child("properties").child("resources").origin;
    const properties = new Map<string, { node: RawNode; expr: Expr }>();
    for (const [k, node] of c.properties) properties.set(k, { node, expr: compileIntrinsics(node, this) });
    return c.members.map((m, i) => {
      const after = !c.concurrent && i > 0 ? c.members[i - 1]!.name : undefined;
      return { name: m.name, type: m.heatType, typeOrigin: at, properties, ...(after !== undefined && { after }) };
    });
  }

  /** The nested stack of a provider resource: its template compiled, called as a module. */
  private buildNested(r: HotResource): void {
    const p = r.provider!;
    const body = r.node.value as Record<string, unknown>;
    const props = new Map<string, { node: RawNode; expr: Expr }>();
    const propsNode = r.node.child("properties");
    if (p.members) {
      for (const [k, v] of p.members.inputs) props.set(k, v);
    } else if (p.remote) {
      for (const [k, node] of p.remote.parameters) props.set(k, { node, expr: compileIntrinsics(node, this) });
    } else if (Object.hasOwn(body, "properties") && isMap(propsNode.value))
      for (const k of Object.keys(propsNode.value)) {
        const node = propsNode.child(k);
        props.set(k, { node, expr: compileIntrinsics(node, this) });
      }
    const params = p.root.child("parameters").value;
    const declared = new Set(isMap(params) ? Object.keys(params) : []);
    const given = [...props].map(([k, v]): [string, RawNode] => [k, v.node]);
    if (
      p.remote
        ? !checkRemoteParameters(given, declared, this.bag)
        : !p.members && !checkProviderProperties(r.heatName, given, declared, this.bag)
    )
      return;
    const { known, later } = splitProperties(props);
    const env = p.remote
      ? remoteEnvironment(this.env)
      : providerEnvironment(this.env, r.heatName, p.mappedType, p.file);
    env.parameters = known;
    const pseudo = new Map<string, Value>([
      ["OS::stack_id", p.id],
      ["OS::stack_name", p.name],
      ["OS::project_id", this.pseudo.get("OS::project_id") ?? null],
    ]);
    const facade = p.remote || p.members ? undefined : this.facadeOf(r);
    const heatPath = this.validatedPathOf(r);
    const rollingMember = this.rollingPolicy(r);
    const child = new HotStack(p.root, env, this.files, this.bag, this.validateOnly, {
      file: p.file,
      depth: (this.nested?.depth ?? 0) + 1,
      pseudo,
      later: new Set(later.keys()),
      ...(facade && { facade }),
      ...(heatPath !== undefined && { heatPath }),
      ...(p.members?.group && { validatedMembers: new Set(p.members.names.slice(0, 1)) }),
      ...(p.members?.updatePolicy && { memberPolicy: p.members.updatePolicy }),
      ...(rollingMember && { rollingMember }),
    });
    const adopted = this.adopted?.[r.heatName];
    if (isMap(adopted) && isMap(adopted.resources)) child.adopted = adopted.resources;
    const frag = child.build();
    // adopting: what the nested stack takes over is imported by the top configuration (imports are the root's)
    for (const i of frag.imports.filter((i) => i.id.k === "lit"))
      this.nestedImports.push({ ...i, to: `module.${r.modelName}.${i.to}` });
    frag.imports = frag.imports.filter((i) => i.id.k !== "lit");
    p.child = child;
    p.config = nestedConfig(p.file, frag, later);
    const deps = this.dependsOn(r) ?? [];
    p.call = nestedModuleCall(
      r.modelName,
      p.file,
      r.node.origin,
      p.config,
      later,
      deps.map((d) => ({ ref: String(d.value), origin: d.origin })),
    );
  }

  /**
   * Heat's name of the nested stack of provider resource `r` when Heat validates it (templates/hot/nested-validation
   * .ts), or undefined: an OS::Heat::Stack's is validated by its own API; a group's members but the first are not.
   */
  private validatedPathOf(r: HotResource): string | undefined {
    const p = r.provider!;
    if (p.remote || (this.nested && this.nested.heatPath === undefined)) return undefined;
    if (this.nested?.validatedMembers && !this.nested.validatedMembers.has(r.heatName)) return undefined;
    return nestedStackPath(this.nested?.heatPath, r.heatName, p.members ? "nested_stack" : p.file);
  }

  /** In a nested stack Heat validates: the properties its types' own validate() reads, as Heat converts them. */
  private checkReadByValidate(): void {
    const path = this.nested?.heatPath;
    if (path === undefined) return;
    for (const r of this.resources.values()) {
      if (!r.enabled || r.modelType === undefined || r.provider || r.group || r.none) continue;
      const props = r.node.child("properties");
      if (!isMap(props.value)) continue;
      for (const name of propertiesReadByValidate(r.modelType)) {
        // a value as written (a function's value is checked when the resource is planned)
        const value = props.value[name];
        const text = typeof value === "string" ? notAnIntegerText(value) : undefined;
        if (text) this.bag.error(`ValueError: ${path}.resources.${r.heatName}: ${text}`, props.child(name).origin);
      }
    }
  }

  /**
   * What `resource_facade` gives the nested template of provider resource `r`: its metadata ({} when absent),
   * deletion policy ("Delete") and update policy ({}), as known when the template is read; undefined (reported).
   */
  private facadeOf(r: HotResource): Record<FacadeAttribute, Value> | undefined {
    const body = r.node.value as Record<string, unknown>;
    const out: Record<FacadeAttribute, Value> = { metadata: {}, deletion_policy: "Delete", update_policy: {} };
    for (const key of ["metadata", "deletion_policy", "update_policy"] as const) {
      if (!Object.hasOwn(body, key) || body[key] === null) continue;
      const node = r.node.child(key);
      try {
        out[key] = evaluateConstant(compileIntrinsics(node, this));
      } catch (e) {
        this.bag.error(
          `Resource ${r.heatName} ${key}: resource_facade needs it known when the template is read ` +
            `(${(e as Error).message})`,
          node.origin,
        );
        return undefined;
      }
    }
    return out;
  }

  /** An output added to a nested template for one of its resources' attributes; its name. */
  private nestedResourceOutput(p: ProviderStack, resource: string, attribute: string, origin: Origin): string {
    const name = `${RESOURCE_ATTRIBUTE_OUTPUT}${resource}.${attribute}`;
    if (!p.config!.outputs.has(name)) {
      const output: OutputConfig = {
        name,
        value: p.child!.getAttr(resource, lit(attribute), [], origin),
        dependsOn: [],
        preconditions: [],
        origin,
      };
      p.config!.outputs.set(name, output);
    }
    return name;
  }

  /** An output added to a nested template for one of its resources' get_resource; its name. */
  private nestedReferenceOutput(p: ProviderStack, resource: string, origin: Origin): string {
    const name = `${RESOURCE_ATTRIBUTE_OUTPUT}${resource}`;
    if (!p.config!.outputs.has(name))
      p.config!.outputs.set(name, {
        name,
        value: p.child!.getResource(resource, origin),
        dependsOn: [],
        preconditions: [],
        origin,
      });
    return name;
  }

  /** The members of a chain or a group in their nested stack, as get_attr on the chain or group sees them. */
  private stackMembers(r: HotResource, origin: Origin): MemberSet {
    const p = r.provider!;
    const set = p.members!;
    const output = (name: string, steps: Step[]): Expr => ({
      k: "post",
      e: resourceRef(NESTED_STACK_MODEL_TYPE, r.modelName, [{ k: "attr", name: "outputs" }]),
      steps: [{ k: "index", index: lit(name) }, ...steps],
    });
    return {
      names: set.names,
      ...(set.removed && { removed: set.removed }),
      ref: (n, steps) => {
        const [first, ...rest] = steps;
        const attr =
          first?.k === "attr"
            ? first.name
            : first?.k === "index" && first.index.k === "lit" && typeof first.index.v === "string"
              ? first.index.v
              : undefined;
        if (!p.config || attr === undefined) return lit(null);
        return output(this.nestedResourceOutput(p, n, attr, origin), rest);
      },
      referenceAttribute: () => "id",
      reference: (n) => (p.config ? output(this.nestedReferenceOutput(p, n, origin), []) : lit(null)),
    };
  }

  /** get_attr on a provider resource: its nested stack's outputs, resources' attributes, or id. */
  private providerAttribute(r: HotResource, attribute: Expr | undefined, path: Expr[], origin: Origin): Expr {
    const p = r.provider!;
    const outputs = (): Expr => resourceRef(NESTED_STACK_MODEL_TYPE, r.modelName, [{ k: "attr", name: "outputs" }]);
    const withPath = (e: Expr, steps: Expr[]): Expr =>
      steps.length ? { k: "post", e, steps: steps.map((index) => ({ k: "index", index })) } : e;
    if (!p.config) return lit(null);
    if (attribute === undefined) {
      // every output of the nested template (not those added for resource attributes)
      const entries: Record<string, Expr> = {};
      for (const name of p.config.outputs.keys())
        if (!isAddedOutput(name)) entries[name] = withPath(outputs(), [lit(name)]);
      return { k: "map", entries };
    }
    if (attribute.k !== "lit" || typeof attribute.v !== "string") return withPath(outputs(), [attribute, ...path]);
    const named = attribute.v;
    if (named === "OS::stack_id" && !p.config.outputs.has(named))
      return withPath(resourceRef(NESTED_STACK_MODEL_TYPE, r.modelName, [{ k: "attr", name: "id" }]), path);
    if (named.startsWith(RESOURCE_ATTRIBUTE_OUTPUT)) {
      const rest = named.slice(RESOURCE_ATTRIBUTE_OUTPUT.length);
      const dot = rest.indexOf(".");
      let resource = rest;
      let attr: string | undefined;
      let steps = path;
      if (dot >= 0) {
        resource = rest.slice(0, dot);
        attr = rest.slice(dot + 1);
      } else if (path[0]?.k === "lit" && typeof path[0].v === "string") {
        attr = path[0].v;
        steps = path.slice(1);
      }
      if (attr === undefined) {
        this.bag.error(`The Referenced Attribute (${r.heatName} ${named}) is incorrect.`, origin);
        return lit(null);
      }
      const out = this.nestedResourceOutput(p, resource, attr, origin);
      return withPath(outputs(), [lit(out), ...steps]);
    }
    // an output of the nested template whose value cannot be computed: so is this one, Heat's error says why
    const failed = p.config.outputs.get(`${OUTPUT_ERROR_OUTPUT}${named}`)?.value;
    if (failed?.k === "lit" && typeof failed.v === "string")
      return this.outputError(`Error in ${r.heatName} output ${named}: ${failed.v}`, origin);
    // an output the nested template lacks: Heat's output_error (null elsewhere)
    const declared = p.config.outputs.has(named);
    if (!declared) return this.outputError(`The Referenced Attribute (${r.heatName} ${named}) is incorrect.`, origin);
    const value: Expr = declared
      ? withPath(outputs(), [lit(named)])
      : { k: "call", fn: "lookup", args: [outputs(), lit(named), lit(null)] };
    return withPath(value, path);
  }

  /** get_attr on an OS::Heat::Stack: `outputs` (the map of its stack's outputs, or one of them), `stack_name`. */
  private remoteAttribute(r: HotResource, attribute: Expr | undefined, path: Expr[], origin: Origin): Expr {
    const p = r.provider!;
    const withPath = (e: Expr, steps: Expr[]): Expr =>
      steps.length ? { k: "post", e, steps: steps.map((index) => ({ k: "index", index })) } : e;
    const named = attribute?.k === "lit" && typeof attribute.v === "string" ? attribute.v : undefined;
    if (named === undefined || !REMOTE_STACK_ATTRIBUTES.includes(named)) {
      const shown = named ?? (attribute?.k === "lit" ? String(attribute.v) : "");
      this.bag.error(`The Referenced Attribute (${r.heatName} ${shown}) is incorrect.`, origin);
      return lit(null);
    }
    if (named === "stack_name") return withPath(lit(p.name), path);
    const outputs = resourceRef(NESTED_STACK_MODEL_TYPE, r.modelName, [{ k: "attr", name: "outputs" }]);
    if (path.length === 0) return outputs;
    const [key, ...rest] = path;
    // an output the stack lacks is null (Heat: a KeyError on the map, the output's error)
    return withPath({ k: "call", fn: "lookup", args: [outputs, key, lit(null)] }, rest);
  }

  /** A member type of a group or chain, after the registry; undefined when it cannot be (reported). */
  memberModelType(groupName: string, heatType: string, at: Origin): MemberKind | undefined {
    const resolved = resolveResourceType(this.env, groupName, heatType);
    if (resolved.kind === "none") return { modelType: modelTypeOfHeatType("OS::Heat::None")!, none: true };
    if (resolved.kind === "template") {
      if (this.nestedTooDeep(at)) return undefined;
      if (this.file(resolved.file) === undefined) {
        this.bag.error(`Could not fetch remote template "${resolved.file}": Invalid URL scheme `, at);
        return undefined;
      }
      return { modelType: NESTED_STACK_MODEL_TYPE, none: false, template: true };
    }
    if (resolved.heatType === RESOURCE_GROUP_TYPE || resolved.heatType === RESOURCE_CHAIN_TYPE) {
      this.bag.error(`Resource ${groupName}: a member of type ${resolved.heatType} is not supported yet`, at);
      return undefined;
    }
    const model = modelTypeOfHeatType(resolved.heatType);
    if (model === undefined) {
      this.bag.error(`The Resource Type (${resolved.heatType}) could not be found.`, at);
      return undefined;
    }
    return { modelType: model, none: false };
  }

  /**
   * `r`'s definition beside its type and properties, resolved where it can be now, as Heat compares it; nothing when
   * it has none of those parts.
   */
  private definitionOf(r: HotResource): { definition?: string } {
    const body = r.node.value as Record<string, unknown>;
    const definition = resourceDefinitionText(body, (key) => {
      // what cannot be resolved now is taken as written, and reported (if at all) where it is used
      const before = this.bag.items.length;
      try {
        return evaluateConstant(compileIntrinsics(r.node.child(key), this));
      } catch {
        return undefined;
      } finally {
        if (this.bag.items.length > before) this.bag.items.splice(before);
      }
    });
    return definition === EMPTY_DEFINITION_TEXT ? {} : { definition };
  }

  /** Remember a value compiled ahead of the builder. */
  outputError(text: string, origin: Origin, report = false): Expr {
    if (this.outputErrors) this.outputErrors.push(text);
    else if (report) this.bag.error(text, origin);
    return lit(null);
  }

  precompiled(node: RawNode, e: Expr): RawNode {
    this.compiled.set(node, e);
    return node;
  }

  /** The declaration of `r`. */
  private resourceDeclaration(r: HotResource): { declarations: RawDeclaration[]; retain: boolean } | undefined {
    const node = r.node;
    const body = node.value as Record<string, unknown>;
    const children = new Map<string | number, RawNode>();
    let ok = true;

    const properties = new Map<string, RawNode>();
    if (r.provider) {
      if (!r.provider.call) return undefined;
      return { declarations: [this.providerDeclaration(r)], retain: this.retains(r) };
    }
    if (r.group) {
      for (const [k, c] of r.group.memberProperties) properties.set(k, c);
    } else if (Object.hasOwn(body, "properties") && !r.none) {
      const props = node.child("properties");
      if (isMap(props.value)) for (const k of Object.keys(props.value)) properties.set(k, props.child(k));
      else if (props.value !== null) {
        this.bag.error(`Resource ${r.heatName} ${this.keyword("properties")} type must be object`, props.origin);
        ok = false;
      }
    }
    for (const [k, c] of properties) {
      const renamed = renamedHeatProperty(r.modelType, k);
      if (renamed !== undefined) children.set(renamed, c);
      else if (RESERVED_PROPERTIES.has(k)) {
        this.bag.error(
          `Resource ${r.heatName}: a property named "${k}" cannot be given (gantry reads it as a meta-argument)`,
          c.origin,
        );
        ok = false;
      } else children.set(k, c);
    }

    for (const key of ["metadata", "update_policy"]) {
      const n = node.child(key);
      if (Object.hasOwn(body, key) && n.value !== null && !isMap(n.value)) {
        this.bag.error(`Resource ${r.heatName} ${this.keyword(key)} type must be object`, n.origin);
        ok = false;
      }
    }
    if (Object.hasOwn(body, "description") && typeof body.description !== "string") {
      this.bag.error(
        `Resource ${r.heatName} ${this.keyword("description")} type must be string`,
        node.child("description").origin,
      );
      ok = false;
    }

    const deps = this.dependsOn(r);
    if (deps === undefined) ok = false;
    else if (deps.length)
      children.set(
        "depends_on",
        new ComposedNode(node.child("depends_on").origin, new Map(deps.map((d, i) => [i, d])), true),
      );

    let retain = false;
    if (Object.hasOwn(body, "deletion_policy")) {
      const policy = this.deletionPolicy(r);
      if (policy === undefined) ok = false;
      retain = policy === "Retain";
    }

    if (r.group) {
      children.set("for_each", r.group.forEach);
      if (r.group.updatePolicy) children.set("update_policy", r.group.updatePolicy);
    }
    // in a member's nested stack, the member's batch is the one that counts (a group in it is updated with it)
    const rolling = this.rollingPolicy(r);
    if (rolling) children.set("update_policy", rolling);
    if (!ok) return undefined;

    const declarations: RawDeclaration[] = [
      {
        kind: "resource",
        type: r.modelType!,
        name: r.modelName,
        body: new ComposedNode(node.origin, children),
      },
    ];
    if (Object.hasOwn(body, "external_id") && !r.group) {
      const idNode = node.child("external_id");
      const to = new LeafNode(`${r.modelType}.${r.modelName}`, idNode.origin);
      declarations.push({
        kind: "import",
        body: new ComposedNode(
          idNode.origin,
          new Map([
            ["to", to],
            ["id", idNode],
          ]),
        ),
      });
    }
    if (!Object.hasOwn(body, "external_id")) declarations.push(...this.adoptions(r));
    return { declarations, retain };
  }

  /**
   * Adopting: import blocks that take over the resource's existing object (a group's members' objects) from Heat's
   * adopt data, its `resource_id` the id, its `resource_data` what the object's type kept of it. A resource the data
   * gives no id is made.
   */
  private adoptions(r: HotResource): RawDeclaration[] {
    const entry = this.adopted?.[r.heatName];
    if (!isMap(entry)) return [];
    const at = r.node.origin;
    const block = (to: string, data: Record<string, unknown>): RawDeclaration[] => {
      const id = data.resource_id;
      if (typeof id !== "string" || id === "") return [];
      const children = new Map<string | number, RawNode>([
        ["to", new LeafNode(to, at)],
        ["id", new LeafNode(id, at)],
      ]);
      const kept = data.resource_data;
      if (isMap(kept)) children.set("data", this.precompiled(new LeafNode(null, at), lit(kept as Value)));
      return [{ kind: "import", body: new ComposedNode(at, children) }];
    };
    const address = `${r.modelType}.${r.modelName}`;
    if (!r.group) return block(address, entry);
    const members = entry.resources;
    if (!isMap(members)) return [];
    return r.group.names.flatMap((n) => {
      const m = members[n];
      return isMap(m) ? block(`${address}[${JSON.stringify(n)}]`, m) : [];
    });
  }

  /**
   * The update policy `r` takes as part of a member of a rolling group of provider templates: in the stack of the
   * members, a member resource is its own member (by its name); in a member's nested stack, every resource is the
   * member's, down to the stacks nested in it (as Heat updates the member's nested stack whole).
   */
  private rollingPolicy(r: HotResource): RawNode | undefined {
    if (this.nested?.rollingMember) return this.nested.rollingMember;
    const policy = this.nested?.memberPolicy;
    if (!policy || !r.provider) return undefined;
    const fields = new Map(Object.keys(policy.value as object).map((k) => [k, policy.child(k)] as const));
    fields.set("member", new LeafNode(r.heatName, r.node.origin));
    return new ComposedNode(policy.origin, fields);
  }

  /** The nested stack's resource in its parent: after every resource of the nested stack. */
  private providerDeclaration(r: HotResource): RawDeclaration {
    const p = r.provider!;
    const at = r.node.origin;
    const children = new Map<string | number, RawNode>([
      ["stack_id", new LeafNode(p.id, at)],
      ["stack_name", new LeafNode(p.name, at)],
      ["template", new LeafNode(p.file, at)],
      ["arn", new LeafNode(stackArn(this.project(), p.name, p.id), at)],
      ["outputs", this.precompiled(new LeafNode(null, at), moduleOutputsRef(r.modelName))],
      ...(p.members ? ([["template_body", new LeafNode(p.members.text, at)]] as [string, RawNode][]) : []),
      ...(p.members?.group ? ([["group", new LeafNode(true, at)]] as [string, RawNode][]) : []),
      ...(p.remote
        ? ([
            ["detached", new LeafNode(true, at)],
            ["template_body", new LeafNode(p.remote.text, at)],
            ...(p.remote.timeout !== undefined ? [["timeout_mins", new LeafNode(p.remote.timeout, at)]] : []),
          ] as [string, RawNode][])
        : []),
      ["depends_on", new ComposedNode(at, new Map([[0, new LeafNode(`module.${r.modelName}`, at)]]), true)],
    ]);
    const rolling = this.rollingPolicy(r);
    if (rolling) children.set("update_policy", rolling);
    return { kind: "resource", type: NESTED_STACK_MODEL_TYPE, name: r.modelName, body: new ComposedNode(at, children) };
  }

  private project(): string {
    const project = this.pseudo.get("OS::project_id");
    return typeof project === "string" ? project : "";
  }

  private retains(r: HotResource): boolean {
    const body = r.node.value as Record<string, unknown>;
    return Object.hasOwn(body, "deletion_policy") && this.deletionPolicy(r) === "Retain";
  }

  /** `depends_on` as model addresses (to resources whose condition is false: none), or undefined (reported). */
  private dependsOn(r: HotResource): RawNode[] | undefined {
    const body = r.node.value as Record<string, unknown>;
    if (!Object.hasOwn(body, "depends_on") || body.depends_on === null) return [];
    const node = r.node.child("depends_on");
    const v = node.value;
    const entries: [unknown, RawNode][] =
      typeof v === "string" ? [[v, node]] : Array.isArray(v) ? v.map((x, i) => [x, node.child(i)]) : [];
    if (typeof v !== "string" && !Array.isArray(v)) {
      this.bag.error(`Resource ${r.heatName} ${this.keyword("depends_on")} type must be list or string`, node.origin);
      return undefined;
    }
    const out: RawNode[] = [];
    let ok = true;
    for (const [name, at] of entries) {
      if (typeof name !== "string") {
        this.bag.error(`Resource ${r.heatName} ${this.keyword("depends_on")} must be a list of strings`, at.origin);
        ok = false;
        continue;
      }
      const target = this.resources.get(name) ?? this.declaredResource(name);
      if (!target) {
        this.bag.error(`The specified reference "${name}" (in ${r.heatName}) is incorrect.`, at.origin);
        ok = false;
        continue;
      }
      if (!target.enabled || target.modelType === undefined) continue;
      out.push(new LeafNode(`${target.modelType}.${target.modelName}`, at.origin));
    }
    return ok ? out : undefined;
  }

  /** A resource declared in the template but not read (yet, or not readable): a minimal entry, or undefined. */
  private declaredResource(name: string): HotResource | undefined {
    const section = this.root.child("resources").value;
    if (!isMap(section) || !Object.hasOwn(section, name)) return undefined;
    return {
      heatName: name,
      heatType: "",
      node: this.root.child("resources").child(name),
      enabled: false,
      modelName: "",
    };
  }

  private deletionPolicy(r: HotResource): string | undefined {
    const node = r.node.child("deletion_policy");
    let v: unknown = node.value;
    if (isMap(v)) {
      try {
        v = evaluateConstant(compileIntrinsics(node, this));
      } catch (e) {
        this.bag.error(
          `Resource ${r.heatName} ${this.keyword("deletion_policy")}: ${(e as Error).message}`,
          node.origin,
        );
        return undefined;
      }
    }
    if (typeof v !== "string") {
      this.bag.error(`Resource ${r.heatName} ${this.keyword("deletion_policy")} type must be string`, node.origin);
      return undefined;
    }
    const allowed =
      this.version >= "2016-10-14"
        ? [...DELETION_POLICIES, ...DELETION_POLICIES.map((p) => p.toLowerCase())]
        : DELETION_POLICIES;
    if (!allowed.includes(v)) {
      this.bag.error(`Invalid deletion policy "${v}"`, node.origin);
      return undefined;
    }
    return v.charAt(0).toUpperCase() + v.slice(1);
  }

  // ---- outputs ----

  private outputDeclarations(): RawDeclaration[] {
    const section = this.root.child("outputs");
    const v = section.value;
    if (v === undefined || v === null) return [];
    if (!isMap(v)) {
      this.bag.error(`"outputs" must contain a map of output maps. Found a [${pyTypeName(v)}] instead`, section.origin);
      return [];
    }
    const keys = this.versionInfo().outputKeys;
    const out: RawDeclaration[] = [];
    for (const name of Object.keys(v)) {
      const node = section.child(name);
      const body = node.value;
      if (!isMap(body)) {
        this.bag.error(`Output definitions must be a map. Found a ${pyTypeName(body)} instead`, node.origin);
        continue;
      }
      let ok = true;
      for (const k of Object.keys(body))
        if (!keys.includes(k)) {
          this.bag.error(`"${k}" is not a valid keyword inside a output definition`, node.child(k).origin);
          ok = false;
        }
      if (!Object.hasOwn(body, "value")) {
        this.bag.error(`Each output definition must contain a ${this.keyword("value")} key.`, node.origin);
        continue;
      }
      if (!ok) continue;
      const enabled = Object.hasOwn(body, "condition") ? this.conditionOf(node.child("condition")) : true;
      if (enabled === undefined) continue;
      const children = new Map<string | number, RawNode>();
      const valueNode = node.child("value");
      // compiled now: a value that cannot be computed is null, with the error as an output of its own
      const errors: string[] = [];
      this.outputErrors = errors;
      const value = enabled ? compileIntrinsics(valueNode, this) : lit(null);
      this.outputErrors = undefined;
      children.set("value", this.precompiled(valueNode, errors.length ? lit(null) : value));
      if (typeof body.description === "string") children.set("description", node.child("description"));
      out.push({ kind: "output", name, body: new ComposedNode(node.origin, children) });
      if (errors.length) {
        const error = new ComposedNode(
          node.origin,
          new Map([["value", this.precompiled(new LeafNode(null, node.origin), lit(errors[0]!))]]),
        );
        out.push({ kind: "output", name: `${OUTPUT_ERROR_OUTPUT}${name}`, body: error });
      }
    }
    return out;
  }

  /**
   * Each resource's `metadata` resolved, as an output of its own (`metadata.NAME`): Heat's resource metadata API
   * answers it resolved, `get_attr` and `get_resource` included. One that cannot be computed is left out.
   */
  private metadataDeclarations(): RawDeclaration[] {
    const out: RawDeclaration[] = [];
    for (const r of this.resources.values()) {
      const body = r.node.value as Record<string, unknown>;
      if (!r.enabled || !Object.hasOwn(body, "metadata") || body.metadata === null) continue;
      const node = r.node.child("metadata");
      const errors: string[] = [];
      const before = this.bag.items.length;
      this.outputErrors = errors;
      let value: Expr | undefined;
      try {
        value = compileIntrinsics(node, this);
      } catch {
        value = undefined;
      } finally {
        this.outputErrors = undefined;
      }
      // reported (if at all) where the template is validated, not here
      if (this.bag.items.length > before) {
        this.bag.items.splice(before);
        continue;
      }
      if (value === undefined || errors.length) continue;
      // a metadata value that fails when evaluated is null (each key's, as Heat's attribute paths): it never fails
      // the stack
      const orNull = (e: Expr): Expr => ({ k: "call", fn: "try", args: [e, lit(null)] });
      const guarded: Expr =
        value.k === "map"
          ? { ...value, entries: Object.fromEntries(Object.entries(value.entries).map(([k, e]) => [k, orNull(e)])) }
          : orNull(value);
      const children = new Map<string | number, RawNode>([["value", this.precompiled(node, guarded)]]);
      out.push({
        kind: "output",
        name: `${METADATA_OUTPUT}${r.heatName}`,
        body: new ComposedNode(node.origin, children),
      });
    }
    return out;
  }

  // ---- conditions ----

  /** A resource's or output's `condition`: a name, a bool or (inline) a condition function; undefined: reported. */
  private conditionOf(node: RawNode): boolean | undefined {
    const v = node.value;
    if (typeof v === "boolean") return v;
    if (typeof v === "string") {
      const c = this.condition(v, node.origin);
      if (c === undefined) this.bag.error(`Invalid condition "${v}"`, node.origin);
      return c;
    }
    return this.evaluateCondition(node, () => `Invalid condition "${JSON.stringify(v)}"`);
  }

  private evaluateCondition(node: RawNode, invalid: () => string): boolean | undefined {
    if (typeof node.value === "boolean") return node.value;
    const errors = this.bag.items.length;
    const e = compileIntrinsics(node, this);
    if (this.bag.items.length > errors) return undefined;
    let v: Value;
    try {
      v = evaluateConstant(e);
    } catch (err) {
      this.bag.error(`${invalid()}: ${(err as Error).message}`, node.origin);
      return undefined;
    }
    if (typeof v !== "boolean") {
      this.bag.error(invalid(), node.origin);
      return undefined;
    }
    return v;
  }

  /** How the template writes HOT's key `hotName` (a CloudFormation-compatible template: "DependsOn"). */
  private keyword(hotName: string): string {
    return this.root instanceof CfnTemplateView ? CfnTemplateView.keyword(hotName) : hotName;
  }

  // ---- IntrinsicContext ----

  hasResource(name: string): boolean {
    const section = this.root.child("resources").value;
    return isMap(section) && Object.hasOwn(section, name);
  }

  mapping(name: string): Value | undefined {
    const mappings = this.root.child("mappings").value;
    return isMap(mappings) && Object.hasOwn(mappings, name) ? (mappings[name] as Value) : undefined;
  }

  condition(name: string, _origin: Origin): boolean | undefined {
    return this.conditions?.value(name, this);
  }

  getParam(name: string, path: Expr[], origin: Origin): Expr {
    if (this.nested?.later.has(name)) {
      const ref: Expr = { k: "ref", root: "var", steps: [{ k: "attr", name }], text: `var.${name}` };
      return path.length ? { k: "post", e: ref, steps: path.map((index) => ({ k: "index", index })) } : ref;
    }
    if (!this.params.has(name) && PSEUDO_PARAMETERS.includes(name)) {
      // The stack's own name, id and project: given by whoever runs the stack, as parameters of an environment.
      this.params.set(name, this.pseudo.get(name) ?? null);
    }
    if (!this.params.has(name) && this.root instanceof CfnTemplateView && CFN_PSEUDO_PARAMETERS.includes(name)) {
      const stackName = this.pseudo.get("OS::stack_name");
      const stackId = this.pseudo.get("OS::stack_id");
      const arn = stackArn(this.project(), typeof stackName === "string" ? stackName : "", String(stackId ?? ""));
      this.params.set(name, { "AWS::StackId": arn, "AWS::StackName": stackName ?? null }[name] ?? CFN_REGION);
    }
    if (!this.params.has(name)) {
      // A declared parameter without a value was reported by the parameters.
      if (!this.declaredParams.has(name)) this.outputError(`The Parameter (${name}) was not provided.`, origin, true);
      return lit(this.validateOnly ? UNKNOWN : null);
    }
    let v: Value = this.params.get(name)!;
    for (let i = 0; i < path.length; i++) {
      const p = path[i];
      if (p.k !== "lit") return { k: "post", e: lit(v), steps: path.slice(i).map((index) => ({ k: "index", index })) };
      const key = p.v;
      if (v === null || typeof v !== "object") {
        this.bag.error(`"get_param" can't traverse path`, origin);
        return lit(null);
      }
      if (typeof key !== "string" && typeof key !== "number") {
        this.bag.error(`Path components in "get_param" must be strings`, origin);
        return lit(null);
      }
      if (Array.isArray(v)) {
        const idx = typeof key === "number" ? key : /^-?\d+$/.test(key) ? Number(key) : Number.NaN;
        if (Number.isNaN(idx)) {
          this.bag.error(`Path components in 'get_param' must be a string that can be parsed into an integer.`, origin);
          return lit(null);
        }
        if (idx < 0 || idx >= v.length) return lit("");
        v = v[idx];
      } else {
        const k = String(key);
        if (!Object.hasOwn(v, k)) return lit("");
        v = (v as Record<string, Value>)[k];
      }
    }
    return lit(v);
  }

  /** The resource `name` refers to, or undefined (reported when it is not in the template). */
  private referenced(name: string, origin: Origin): HotResource | undefined {
    const r = this.resources.get(name);
    if (!r) {
      if (!this.declaredResource(name))
        this.bag.error(
          `The specified reference "${name}" (in ${origin.path.slice(0, -1).join(".")}) ` + "is incorrect.",
          origin,
        );
      return undefined;
    }
    return r.enabled && r.modelType !== undefined ? r : undefined;
  }

  getResource(name: string, origin: Origin): Expr {
    const r = this.referenced(name, origin);
    if (!r) return lit(null);
    if (r.group) return lit(r.heatName);
    // a chain's (or a group's of provider templates) reference is its nested stack's id, as Heat's resource_id
    if (r.provider?.members) return resourceRef(NESTED_STACK_MODEL_TYPE, r.modelName, [{ k: "attr", name: "id" }]);
    if (r.provider?.remote) return resourceRef(NESTED_STACK_MODEL_TYPE, r.modelName, [{ k: "attr", name: "id" }]);
    if (r.provider) {
      if (r.provider.config?.outputs.has("OS::stack_id"))
        return resourceRef(NESTED_STACK_MODEL_TYPE, r.modelName, [
          { k: "attr", name: "outputs" },
          { k: "index", index: lit("OS::stack_id") },
        ]);
      return resourceRef(NESTED_STACK_MODEL_TYPE, r.modelName, [{ k: "attr", name: "arn" }]);
    }
    return resourceRef(r.modelType!, r.modelName, [{ k: "attr", name: referenceAttributeOf(r.modelType!) }]);
  }

  getAttr(name: string, attribute: Expr | undefined, path: Expr[], origin: Origin): Expr {
    const r = this.referenced(name, origin);
    if (!r) return lit(null);
    const missing = (text: string) => this.outputError(text, origin);
    if (r.group) return groupAttribute(r, groupMembers(r, r.group), attribute, path, origin, this.bag, missing);
    if (r.provider?.members)
      return groupAttribute(r, this.stackMembers(r, origin), attribute, path, origin, this.bag, missing);
    if (r.provider?.remote) return this.remoteAttribute(r, attribute, path, origin);
    if (r.provider) return this.providerAttribute(r, attribute, path, origin);
    // OS::Heat::None keeps nothing: any attribute but its id is null
    const named = attribute?.k === "lit" ? attribute.v : undefined;
    if (r.none && named !== "id") return noneAttributeRef(r.modelType!, r.modelName);
    const steps: Step[] = [];
    if (attribute !== undefined) {
      if (attribute.k === "lit" && typeof attribute.v === "string") steps.push({ k: "attr", name: attribute.v });
      else steps.push({ k: "index", index: attribute });
    }
    for (const index of path) steps.push({ k: "index", index });
    return resourceRef(r.modelType!, r.modelName, steps);
  }

  file(name: string): string | undefined {
    return Object.hasOwn(this.files, name) ? this.files[name] : undefined;
  }

  resourceFacade(attribute: FacadeAttribute, _origin: Origin): Expr | undefined {
    const facade = this.nested?.facade;
    return facade ? lit(facade[attribute]) : undefined;
  }
}

/** Python's name of a value's type, as Heat's messages show it. */
function pyTypeName(v: unknown): string {
  if (Array.isArray(v)) return "list";
  if (typeof v === "string") return "str";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  if (v === null || v === undefined) return "NoneType";
  return "dict";
}
