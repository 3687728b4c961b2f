// What a resource's type really is after the environment's resource_registry.
//
// MINIMAL VERSION: exact type aliases and OS::Heat::None mappings, global or
// per resource (`resources: {name: {type: ...}}`); a name ending in .yaml or
// .template is a provider template. The full version replaces this file.

import type { HotEnvironment } from "./environment.js";

export type ResolvedType = { kind: "type"; heatType: string } | { kind: "template"; file: string } | { kind: "none" };

function resolved(target: string): ResolvedType {
  if (target === "OS::Heat::None") return { kind: "none" };
  if (/\.(yaml|yml|template)$/.test(target)) return { kind: "template", file: target };
  return { kind: "type", heatType: target };
}

export function resolveResourceType(env: HotEnvironment, resourceName: string, heatType: string): ResolvedType {
  const registry = env.resourceRegistry;
  const perResource = (registry.resources as Record<string, Record<string, unknown>> | undefined)?.[resourceName];
  const own = perResource?.[heatType];
  if (typeof own === "string") return resolved(own);
  let type = heatType;
  for (let hops = 0; hops < 10; hops++) {
    const target = Object.hasOwn(registry, type) ? registry[type] : undefined;
    if (typeof target !== "string" || target === type) break;
    if (target === "OS::Heat::None" || /\.(yaml|yml|template)$/.test(target)) return resolved(target);
    type = target;
  }
  return resolved(type);
}
