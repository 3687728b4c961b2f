// The `terraform` and `provider` blocks of the raw configuration, the same in
// every language: required_version is checked against the Terraform version
// gantry behaves as; required_providers and provider blocks may name only
// gantry's built-in providers; `backend "local" { path }` or `backend "pg" { conn_str }` says where state
// lives (the engine reads it, engine/workspace.ts). Anything else is a clear
// error, never silently ignored.

import { builtinProviderFor } from "../contract/built-in-providers.js";
import { KNOWN_PROVIDERS } from "../contract/type-names.js";
import type { BackendConfig } from "../planner/model.js";
import { LOCAL_BACKEND_BLOCK, PG_BACKEND_BLOCK, PROVIDER_BLOCK, TERRAFORM_BLOCK } from "./block-schemas.js";
import { checkBody, ownerSubject, type CheckContext } from "./block-check.js";
import { rawTypeName } from "./fragment.js";
import type { RawNode } from "./raw-config.js";
import { satisfiesVersion, TERRAFORM_VERSION } from "./terraform-version.js";

const BUILT_IN_LIST = KNOWN_PROVIDERS.join(", ");
const BUILT_IN_DETAIL =
  `Gantry's providers are built in (${BUILT_IN_LIST}); it installs no other provider. ` +
  "Remove the provider from the configuration or use one of these.";

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The bodies of a block written once (a map) or, as Terraform JSON and HCL's conversion write it, as a list. */
function bodiesOf(node: RawNode): RawNode[] {
  const v = node.value;
  if (Array.isArray(v)) return v.map((_, i) => node.child(i));
  return [node];
}

export function buildTerraformSettings(body: RawNode, ctx: CheckContext): BackendConfig[] {
  const backends: BackendConfig[] = [];
  checkBody(body, TERRAFORM_BLOCK, ownerSubject("the terraform block"), ctx, (f) => {
    if (!f.valid) return;
    switch (f.name) {
      case "required_version": {
        const constraint = f.node.value as string;
        const ok = satisfiesVersion(constraint);
        if (ok === undefined)
          ctx.bag.error(
            `Invalid required_version constraint ${JSON.stringify(constraint)}`,
            f.node.origin,
            'A version constraint is a comma-separated list of conditions such as ">= 1.2.0, < 2.0.0" or "~> 1.5".',
          );
        else if (!ok)
          ctx.bag.error(
            "Unsupported Terraform Core version",
            f.node.origin,
            `This configuration does not support Terraform version ${TERRAFORM_VERSION}. To proceed, either ` +
              "choose another supported Terraform version or update this version constraint. Version constraints " +
              "are normally set for good reason, so updating the constraint may lead to other errors or " +
              "unexpected behavior.",
          );
        break;
      }
      case "required_providers":
        for (const block of bodiesOf(f.node)) requiredProviders(block, ctx);
        break;
      case "backend":
        for (const block of bodiesOf(f.node)) {
          const b = backend(block, ctx);
          if (b) backends.push(b);
        }
        break;
    }
  });
  return backends;
}

function requiredProviders(node: RawNode, ctx: CheckContext): void {
  const v = node.value;
  if (!isPlainMap(v)) {
    ctx.bag.error(`"required_providers" in the terraform block must be a map, got ${rawTypeName(v)}`, node.origin);
    return;
  }
  for (const name of Object.keys(v)) {
    const entry = node.child(name);
    if (!KNOWN_PROVIDERS.includes(name)) {
      ctx.bag.error(`provider "${name}" is not available in gantry`, entry.origin, BUILT_IN_DETAIL);
      continue;
    }
    const spec = entry.value;
    if (typeof spec === "string") continue; // a version constraint (Terraform's older form)
    if (!isPlainMap(spec)) {
      ctx.bag.error(
        `required provider "${name}" must be a map with source and version, got ${rawTypeName(spec)}`,
        entry.origin,
      );
      continue;
    }
    const source = spec.source;
    if (source !== undefined && (typeof source !== "string" || builtinProviderFor(source)?.localName !== name)) {
      ctx.bag.error(
        `provider source ${JSON.stringify(source)} for "${name}" is not available in gantry`,
        entry.child("source").origin,
        BUILT_IN_DETAIL,
      );
    }
  }
}

function backend(node: RawNode, ctx: CheckContext): BackendConfig | undefined {
  const v = node.value;
  if (!isPlainMap(v)) {
    ctx.bag.error(`"backend" in the terraform block must be a backend block, got ${rawTypeName(v)}`, node.origin);
    return undefined;
  }
  let found: BackendConfig | undefined;
  for (const type of Object.keys(v)) {
    const labelled = node.child(type);
    if (type === "pg") {
      for (const body of bodiesOf(labelled)) {
        const config: BackendConfig = { type: "pg", origin: body.origin };
        const checked = checkBody(body, PG_BACKEND_BLOCK, ownerSubject('backend "pg"'), ctx, (f) => {
          if (!f.valid) return;
          if (f.name === "conn_str") config.connStr = f.node.value as string;
          if (f.name === "schema_name") config.schemaName = f.node.value as string;
          if (f.name === "skip_schema_creation") config.skipSchemaCreation = f.node.value as boolean;
        });
        if (checked?.valid) found = config;
      }
      continue;
    }
    if (type !== "local") {
      ctx.bag.error(
        `backend "${type}" is not supported`,
        labelled.origin,
        'Gantry keeps state in a local file (backend "local" { path = "..." }, or no backend at all) or in ' +
          'PostgreSQL (backend "pg" { conn_str = "postgres://..." }).',
      );
      continue;
    }
    for (const body of bodiesOf(labelled)) {
      const config: BackendConfig = { type: "local", origin: body.origin };
      const checked = checkBody(body, LOCAL_BACKEND_BLOCK, ownerSubject('backend "local"'), ctx, (f) => {
        if (f.valid && f.name === "path") config.path = f.node.value as string;
      });
      if (checked?.valid) found = config;
    }
  }
  return found;
}

export function checkProvider(name: string, body: RawNode, ctx: CheckContext): void {
  if (!KNOWN_PROVIDERS.includes(name)) {
    ctx.bag.error(`provider "${name}" is not available in gantry`, body.origin, BUILT_IN_DETAIL);
    return;
  }
  for (const b of bodiesOf(body)) checkBody(b, PROVIDER_BLOCK, ownerSubject(`provider "${name}"`), ctx);
}
