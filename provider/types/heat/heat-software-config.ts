// OS::Heat::SoftwareConfig (heat_software_config) and OS::Heat::StructuredConfig
// (heat_structured_config): a configuration for servers, kept as a software
// config record that `/software_configs` shows. Facts from Heat 19's
// software_config.py and structured_config.py: every property replaces the
// resource when it changes (a config is immutable); the group defaults to
// "Heat::Ungrouped"; the config's name is the resource's physical name
// (STACK-RESOURCE-SHORTID); the physical id is the config record's UUID;
// the `config` attribute is the config property (a map for a structured
// config). This type keeps the values in state; the stack service writes the
// record (stacks/software-config-resources.ts), as no provider reaches the
// stack store.

import { supportedSince, type HeatPropertySchema, type HeatTypeDetails } from "../../../contract/heat-type-schema.js";
import type { ResourceType } from "../../../contract/resource-type.js";
import { UNKNOWN } from "../../../contract/values.js";
import { heatPhysicalResourceName, heatUuid } from "./heat-physical-id.js";
import { gantrySchemaOfHeatType } from "./heat-schema.js";

const IO_TYPES = ["String", "Number", "CommaDelimitedList", "Json", "Boolean"];

function ioType(what: "input" | "output"): HeatPropertySchema {
  return {
    type: "string",
    description: `Type of the value of the ${what}.`,
    default: "String",
    constraints: [{ allowed_values: IO_TYPES }],
  };
}

function properties(config: HeatPropertySchema): Record<string, HeatPropertySchema> {
  return {
    group: {
      type: "string",
      description:
        "Namespace to group this software config by when delivered to a server. This may imply what " +
        "configuration tool is going to perform the configuration.",
      default: "Heat::Ungrouped",
    },
    config,
    options: {
      type: "map",
      description: "Map containing options specific to the configuration management tool used by this resource.",
    },
    inputs: {
      type: "list",
      description: "Schema representing the inputs that this software config is expecting.",
      schema: {
        "*": {
          type: "map",
          schema: {
            name: { type: "string", description: "Name of the input.", required: true },
            description: { type: "string", description: "Description of the input." },
            type: ioType("input"),
            default: { type: "any", description: "Default value for the input if none is specified." },
            replace_on_change: {
              type: "boolean",
              description: "Replace the deployment instead of updating it when the input value changes.",
              default: false,
            },
          },
        },
      },
    },
    outputs: {
      type: "list",
      description: "Schema representing the outputs that this software config will produce.",
      schema: {
        "*": {
          type: "map",
          schema: {
            name: { type: "string", description: "Name of the output.", required: true },
            description: { type: "string", description: "Description of the output." },
            type: ioType("output"),
            error_output: {
              type: "boolean",
              description: "Denotes that the deployment is in an error state if this output has a value.",
              default: false,
            },
          },
        },
      },
    },
  };
}

const ATTRIBUTES = { config: { description: "The config value of the software config.", type: "string" as const } };

export const HEAT_SOFTWARE_CONFIG: HeatTypeDetails = {
  description:
    "A resource for describing and storing software configuration.\n\nThe software_configs API which back" +
    "s this resource creates immutable\nconfigs, so any change to the template resource definition will r" +
    "esult\nin a new config being created, and the old one being deleted.\n\nConfigs can be defined in th" +
    "e same template which uses them, or they can\nbe created in one stack, and passed to another stack v" +
    "ia a parameter.\n\nA config resource can be referenced in other resource properties which\nare confi" +
    "g-aware. This includes the properties OS::Nova::Server user_data,\nOS::Heat::SoftwareDeployment conf" +
    "ig and OS::Heat::MultipartMime parts\nconfig.\n\nAlong with the config script itself, this resource " +
    "can define schemas for\ninputs and outputs which the config script is expected to consume and\nprodu" +
    "ce. Inputs and outputs are optional and will map to concepts which\nare specific to the configuratio" +
    "n tool being used.",
  supportStatus: supportedSince("2014.1"),
  properties: properties({
    type: "string",
    description: "Configuration script or manifest which specifies what actual configuration is performed.",
  }),
  attributes: ATTRIBUTES,
};

export const HEAT_STRUCTURED_CONFIG: HeatTypeDetails = {
  description:
    "A resource which has same logic with OS::Heat::SoftwareConfig.\n\nThis resource is like OS::Heat::So" +
    "ftwareConfig except that the config\nproperty is represented by a Map rather than a String.\n\nThis " +
    "is useful for configuration tools which use YAML or JSON as their\nconfiguration syntax. The resulti" +
    "ng configuration is transferred,\nstored and returned by the software_configs API as parsed JSON.",
  supportStatus: supportedSince("2014.1"),
  properties: properties({
    type: "map",
    description: "Map representing the configuration data structure which will be serialized to JSON format.",
  }),
  attributes: ATTRIBUTES,
};

function softwareConfigType(name: string, heat: HeatTypeDetails, description: string): ResourceType {
  return {
    name,
    description,
    schema: {
      ...gantrySchemaOfHeatType(heat, "The physical resource id: the software config's UUID."),
      config_name: {
        kind: "string",
        description: "The software config's name (Heat's physical resource name, STACK-RESOURCE-SHORTID).",
        computed: true,
      },
    },
    heat,

    planChange(prior, config) {
      // every property replaces (forceNew): an unchanged config keeps what was created
      return {
        planned: {
          ...config,
          config_name: prior === null ? UNKNOWN : (prior.config_name ?? UNKNOWN),
          id: prior === null ? UNKNOWN : (prior.id ?? UNKNOWN),
        },
      };
    },

    async create(ctx, planned) {
      return { ...planned, config_name: heatPhysicalResourceName(ctx), id: heatUuid() };
    },

    async read(_ctx, prior) {
      return prior;
    },

    async update(_ctx, prior, planned) {
      return { ...planned, config_name: prior.config_name ?? null, id: prior.id ?? heatUuid() };
    },

    async delete() {
      /* the record goes with the resource (the stack service deletes it) */
    },
  };
}

export const heatSoftwareConfigType = softwareConfigType(
  "heat_software_config",
  HEAT_SOFTWARE_CONFIG,
  "Heat's OS::Heat::SoftwareConfig: a script or manifest for servers, kept as a software config record.",
);

export const heatStructuredConfigType = softwareConfigType(
  "heat_structured_config",
  HEAT_STRUCTURED_CONFIG,
  "Heat's OS::Heat::StructuredConfig: a software config whose config is a map.",
);
