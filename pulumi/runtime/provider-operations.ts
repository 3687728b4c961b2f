// The operations of gantry/pulumi's dynamic provider, loaded by module path
// inside the provider's methods (the serialized provider holds only the type
// name and this module's path). Each runs one step of Pulumi's resource
// lifecycle through gantry's resource-type contract and host drivers, on a
// fresh Engine: check (configuration as the planner converts and checks it),
// diff (the planner's planned attributes and its rule of which changes force
// a replacement), create, read, update and delete (the type's own). A
// cluster (a blueprint) goes through the whole engine instead:
// cluster-operations.ts.

import { randomUUID } from "node:crypto";
import type { Attrs } from "../../contract/values.js";
import { containsUnknown } from "../../contract/values.js";
import { planAttributes } from "../../planner/instances.js";
import { attributeChanges } from "../../planner/plan.js";
import * as cluster from "./cluster-operations.js";
import { OperationSession, withId } from "./operation-session.js";
import { pulumiName, toPulumiAttrs } from "./property-names.js";
import { type CheckFailure, checkAttributes, configuredAttributes, recordedAttributes } from "./resource-inputs.js";
import { META_KEY } from "./resource-meta.js";

type Props = Record<string, unknown>;

export const CLUSTER_TYPE = "gantry_cluster";

export interface CheckResult {
  inputs: Props;
  failures: CheckFailure[];
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export async function check(typeName: string, olds: Props, news: Props): Promise<CheckResult> {
  const session = new OperationSession(typeName, [news, olds]);
  const { attrs, failures } = configuredAttributes(session, news);
  failures.push(...checkAttributes(session, attrs));
  if (!failures.length && typeName === CLUSTER_TYPE) failures.push(...(await cluster.check(session, attrs)));
  return { inputs: news, failures };
}

export async function diff(typeName: string, id: string, olds: Props, news: Props): Promise<DiffResult> {
  const session = new OperationSession(typeName, [news, olds]);
  return session.run("diff", async () => {
    const configured = known(session, news);
    if (typeName === CLUSTER_TYPE) return cluster.diff(session, configured, olds);
    const prior = priorAttributes(session, olds, id);
    const { planned, requiresReplace } = planAttributes(session.type, prior, configured, session.info);
    const { changed, forcing } = attributeChanges(session.type, prior, planned, requiresReplace);
    // gantry replaces destroy-before-create unless told otherwise (lifecycle create_before_destroy)
    return { changes: changed.length > 0, replaces: forcing.map(pulumiName), deleteBeforeReplace: forcing.length > 0 };
  });
}

export async function create(typeName: string, inputs: Props): Promise<{ id: string; outs: Props }> {
  const session = new OperationSession(typeName, [inputs]);
  const configured = known(session, inputs);
  if (typeName === CLUSTER_TYPE) return cluster.create(session, configured);
  return session.run("create", async () => {
    if (containsUnknown(configured)) throw new Error("some of its inputs are still unknown");
    const { planned } = planAttributes(session.type, null, configured, session.info);
    const attrs = await session.type.create(session.context(), planned);
    const id = typeof attrs.id === "string" && attrs.id ? attrs.id : randomUUID();
    return { id, outs: outputs(session, attrs) };
  });
}

export async function read(typeName: string, id: string, props: Props): Promise<{ id?: string; props?: Props }> {
  const session = new OperationSession(typeName, [props]);
  if (typeName === CLUSTER_TYPE) return cluster.read(session, id, props);
  return session.run("read", async () => {
    if (!props || !Object.keys(props).length) {
      throw new Error("gantry resources are read from their recorded outputs (refresh), not by id alone");
    }
    const found = await session.type.read(session.context(), priorAttributes(session, props, id));
    // no id: the object is gone (Pulumi drops it from the state)
    return found === null ? {} : { id, props: outputs(session, found) };
  });
}

export async function update(typeName: string, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const session = new OperationSession(typeName, [news, olds]);
  const configured = known(session, news);
  if (typeName === CLUSTER_TYPE) return cluster.update(session, configured, olds);
  return session.run("update", async () => {
    const prior = priorAttributes(session, olds, id);
    if (containsUnknown(configured)) throw new Error("some of its inputs are still unknown");
    const { planned } = planAttributes(session.type, prior, configured, session.info);
    const attrs = await session.type.update(session.context(), prior, planned);
    return { outs: outputs(session, attrs) };
  });
}

export async function remove(typeName: string, id: string, props: Props): Promise<void> {
  const session = new OperationSession(typeName, [props]);
  if (typeName === CLUSTER_TYPE) return cluster.remove(session, props);
  await session.run("delete", () => session.type.delete(session.context(), priorAttributes(session, props, id)));
}

/** Configured attributes that passed check (a failure here is a bug or a changed schema: it says which). */
function known(session: OperationSession, props: Props): Attrs {
  const { attrs, failures } = configuredAttributes(session, props);
  if (failures.length) {
    throw session.failure("configuration of", new Error(failures.map((f) => `${f.property}: ${f.reason}`).join("; ")));
  }
  return attrs;
}

/** The attributes a resource's outputs recorded, every one (computed too), with its id. */
export function priorAttributes(session: OperationSession, outs: Props, id: string): Attrs {
  return withId(session.type, recordedAttributes(session.type, outs), id);
}

/** A type's attributes as the resource's outputs (Pulumi names; the id is the resource's id), with the meta. */
export function outputs(session: OperationSession, attrs: Attrs): Props {
  const { id: _id, ...rest } = attrs;
  return { ...toPulumiAttrs(session.type.schema, rest), [META_KEY]: session.meta };
}
