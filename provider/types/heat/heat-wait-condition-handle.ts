// OS::Heat::WaitConditionHandle (heat_wait_condition_handle): what a server
// (or anything else) signals to say it is ready. Facts from Heat 19's
// wait_condition_handle.py: with the default signal_transport TOKEN_SIGNAL the
// handle gives out a token of the stack's user (`token`), the resource's
// signal URL (`endpoint`: .../v1/TENANT/stacks/NAME/ID/resources/HANDLE/signal)
// and `curl_cli`, a curl command prefix POSTing to it with the token; `signal`
// is "null" (JSON of None) for that transport; the physical id is the stack
// user's id. Signals go to the Heat API, the stack service keeps them in the
// handle's metadata (stacks/handle-signals.ts). Only TOKEN_SIGNAL is offered:
// the other transports need Keystone, EC2 credentials, Swift or Zaqar.

import { supportedSince, type HeatTypeDetails } from "../../../contract/heat-type-schema.js";
import type { ResourceType } from "../../../contract/resource-type.js";
import { UNKNOWN, type Attrs } from "../../../contract/values.js";
import { gantrySchemaOfHeatType } from "./heat-schema.js";

const TRANSPORTS = ["CFN_SIGNAL", "TEMP_URL_SIGNAL", "HEAT_SIGNAL", "NO_SIGNAL", "ZAQAR_SIGNAL", "TOKEN_SIGNAL"];

export const HEAT_WAIT_CONDITION_HANDLE: HeatTypeDetails = {
  description:
    "Resource for managing instance signals.\n\nThe main points of this resource are:\n  - have no dependencies " +
    "(so the instance can reference it).\n  - create credentials to allow for signalling from the instance.\n  - " +
    "handle signals from the instance, validate and store result.",
  supportStatus: supportedSince("2014.2"),
  templateName: "HeatWaitConditionHandle",
  properties: {
    signal_transport: {
      type: "string",
      description:
        "How the client will signal the wait condition. CFN_SIGNAL will allow an HTTP POST to a CFN keypair " +
        "signed URL. TEMP_URL_SIGNAL will create a Swift TempURL to be signalled via HTTP PUT. HEAT_SIGNAL will " +
        "allow calls to the Heat API resource-signal using the provided keystone credentials. ZAQAR_SIGNAL will " +
        "create a dedicated zaqar queue to be signalled using the provided keystone credentials. TOKEN_SIGNAL " +
        "will allow and HTTP POST to a Heat API endpoint with the provided keystone token. NO_SIGNAL will result " +
        "in the resource going to a signalled state without waiting for any signal.",
      default: "TOKEN_SIGNAL",
      constraints: [{ allowed_values: TRANSPORTS }],
    },
  },
  attributes: {
    token: {
      description:
        "Token for stack-user which can be used for signalling handle when signal_transport is set to " +
        "TOKEN_SIGNAL. None for all other signal transports.",
      type: "string",
    },
    endpoint: {
      description:
        "Endpoint/url which can be used for signalling handle when signal_transport is set to TOKEN_SIGNAL. " +
        "None for all other signal transports.",
      type: "string",
    },
    curl_cli: {
      description:
        "Convenience attribute, provides curl CLI command prefix, which can be used for signalling handle " +
        "completion or failure when signal_transport is set to TOKEN_SIGNAL. You can signal success by adding " +
        '--data-binary \'{"status": "SUCCESS"}\' , or signal failure by adding --data-binary ' +
        '\'{"status": "FAILURE"}\'. This attribute is set to None for all other signal transports.',
      type: "string",
    },
    signal: {
      description:
        "JSON serialized map that includes the endpoint, token and/or other attributes the client must use for " +
        "signalling this handle. The contents of this map depend on the type of signal selected in the " +
        "signal_transport property.",
      type: "string",
    },
  },
};

/** Heat's curl_cli: a curl command prefix that POSTs to the endpoint with the token (None without either). */
export function curlCli(token: string | null, endpoint: string | null): string | null {
  if (token === null || endpoint === null) return null;
  return (
    `curl -i -X POST -H 'X-Auth-Token: ${token}' -H 'Content-Type: application/json' ` +
    `-H 'Accept: application/json' ${endpoint}`
  );
}

const COMPUTED = ["token", "endpoint", "curl_cli", "signal", "id"];

export const heatWaitConditionHandleType: ResourceType = {
  name: "heat_wait_condition_handle",
  description:
    "Heat's OS::Heat::WaitConditionHandle: a token and URL to signal over the Heat API (`gantry serve` only).",
  schema: {
    ...gantrySchemaOfHeatType(HEAT_WAIT_CONDITION_HANDLE, "The physical resource id: the id of the handle's token."),
    token: { kind: "string", description: "The token that may signal the handle.", computed: true, sensitive: true },
  },
  heat: HEAT_WAIT_CONDITION_HANDLE,

  validate(config) {
    const transport = config.signal_transport;
    if (typeof transport !== "string" || transport === "TOKEN_SIGNAL") return [];
    return [
      {
        attribute: "signal_transport",
        message:
          `gantry offers TOKEN_SIGNAL only (got ${transport}): the other transports need Keystone credentials, ` +
          "EC2 signed URLs, Swift or Zaqar",
      },
    ];
  },

  planChange(prior, config) {
    const planned: Attrs = { ...config };
    for (const k of COMPUTED) planned[k] = prior === null ? UNKNOWN : (prior[k] ?? null);
    return { planned };
  },

  async create(ctx, planned) {
    const signals = ctx.heatSignals;
    if (!signals) {
      throw new Error(
        `${ctx.address}: a wait condition handle is signalled over the Heat API: create it in a stack of ` +
          "`gantry serve`",
      );
    }
    const c = await signals.handleCredentials(ctx.address);
    return {
      ...planned,
      id: c.id,
      token: c.token,
      endpoint: c.endpoint,
      curl_cli: curlCli(c.token, c.endpoint),
      signal: "null",
    };
  },

  async read(_ctx, prior) {
    return prior;
  },

  async update(_ctx, prior, planned) {
    const kept: Attrs = {};
    for (const k of COMPUTED) kept[k] = prior[k] ?? null;
    return { ...planned, ...kept };
  },

  async delete() {
    /* the token stops working with the stack (the API refuses a handle token once its stack is gone) */
  },
};
