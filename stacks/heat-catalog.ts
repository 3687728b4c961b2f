// What the Heat API lists without a stack: the template versions and their
// functions (templates/hot/template-versions.ts) and the resource types of
// the server's engine in Heat's form (stacks/resource-type-schema.ts).

import type { ResourceTypeRegistry } from "../provider/resource-types.js";
import {
  listTemplateVersions,
  templateFunctions,
  templateVersionNotFoundMessage,
} from "../templates/hot/template-versions.js";
import { HeatError } from "./heat-error.js";
import { heatResourceTypeSchema, heatResourceTypeTemplate, listHeatResourceTypes } from "./resource-type-schema.js";
import type { HeatCatalog, ResourceTypeFilter, TemplateFunctionInfo, TemplateVersionInfo } from "./stack-operations.js";

export class EngineHeatCatalog implements HeatCatalog {
  constructor(private readonly types: ResourceTypeRegistry) {}

  async templateVersions(): Promise<TemplateVersionInfo[]> {
    return listTemplateVersions();
  }

  async templateFunctions(version: string, withConditionFunctions: boolean): Promise<TemplateFunctionInfo[]> {
    const list = templateFunctions(version, withConditionFunctions);
    if (!list) throw new HeatError(404, "NotFound", templateVersionNotFoundMessage(version));
    return list;
  }

  async resourceTypes(
    filter: ResourceTypeFilter,
    withDescription: boolean,
  ): Promise<string[] | { resource_type: string; description: string }[]> {
    const { resource_types } = listHeatResourceTypes(this.types, {
      name: filter.name,
      version: filter.version,
      support_status: filter.supportStatus,
      with_description: withDescription,
    });
    return resource_types as string[] | { resource_type: string; description: string }[];
  }

  async resourceTypeSchema(type: string, withDescription: boolean): Promise<Record<string, unknown>> {
    const schema = heatResourceTypeSchema(this.types, type);
    if (!withDescription) return schema;
    const listed = listHeatResourceTypes(this.types, { name: escapeRegExp(type), with_description: true });
    const entry = listed.resource_types.find(
      (t): t is { resource_type: string; description: string } => typeof t !== "string" && t.resource_type === type,
    );
    return { ...schema, description: entry?.description ?? "" };
  }

  async resourceTypeTemplate(type: string, templateType: "hot" | "cfn"): Promise<Record<string, unknown>> {
    return heatResourceTypeTemplate(this.types, type, templateType);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
