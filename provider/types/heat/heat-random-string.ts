// OS::Heat::RandomString (heat_random_string): a random string, made once
// with a cryptographic generator. Facts from Heat 19's random_string.py and
// password_gen.py:
// - no property updates in place: any change (`salt` is there for that)
//   replaces the resource, so a new string is made;
// - the string draws, for each of character_sequences and then
//   character_classes, its `min` characters from that set, fills up to
//   `length` from the union of all the sets, then shuffles; character_classes
//   defaults to [{class: lettersdigits, min: 1}] when not given; the hidden,
//   deprecated `sequence` adds {class: sequence, min: 1} to character_classes;
// - the minimums may not add up to more than `length` (Heat's message);
// - attribute `value`; `get_resource` returns the string; the physical id is
//   Heat's STACK-NAME-SHORTID.

import { randomInt } from "node:crypto";
import { referenceAttributeOf } from "../../../contract/heat-reference-attributes.js";
import type { HeatPropertySchema, HeatTypeDetails } from "../../../contract/heat-type-schema.js";
import type { ResourceType } from "../../../contract/resource-type.js";
import { isUnknown, UNKNOWN, type Attrs, type Value } from "../../../contract/values.js";
import { heatPhysicalResourceName } from "./heat-physical-id.js";
import { gantrySchemaOfHeatType } from "./heat-schema.js";

/** Heat's named character classes (password_gen). */
export const CHARACTER_CLASSES: Record<string, string> = {
  lettersdigits: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  letters: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
  lowercase: "abcdefghijklmnopqrstuvwxyz",
  uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  digits: "0123456789",
  hexdigits: "0123456789ABCDEF",
  octdigits: "01234567",
};
const CLASS_NAMES = Object.keys(CHARACTER_CLASSES);
const MIN_RANGE = [{ range: { min: 1, max: 512 } }];
const DEFAULT_CLASSES = [{ class: "lettersdigits", min: 1 }];

const min = (what: string): HeatPropertySchema => ({
  type: "integer",
  description: `The minimum number of characters from this ${what} that will be in the generated string.`,
  default: 1,
  constraints: MIN_RANGE,
});

export const HEAT_RANDOM_STRING: HeatTypeDetails = {
  description:
    "A resource which generates a random string.\n\nThis is useful for configuring passwords and secrets on " +
    "services. Random\nstring can be generated from specified character sequences, which means\nthat all " +
    "characters will be randomly chosen from specified sequences, or\nwith some classes, e.g. letterdigits, which " +
    "means that all character will\nbe randomly chosen from union of ascii letters and digits. Output string\nwill " +
    "be randomly generated string with specified length (or with length of\n32, if length property doesn't " +
    "specified).",
  supportStatus: { status: "SUPPORTED", message: null, version: "2014.1", previous_status: null },
  referenceAttribute: referenceAttributeOf("heat_random_string"),
  resourceData: ["value"],
  properties: {
    length: {
      type: "integer",
      description: "Length of the string to generate.",
      default: 32,
      constraints: [{ range: { min: 1, max: 512 } }],
    },
    sequence: {
      type: "string",
      description: "Sequence of characters to build the random string from.",
      constraints: [{ allowed_values: CLASS_NAMES }],
      supportStatus: {
        status: "HIDDEN",
        message: null,
        version: "5.0.0",
        previous_status: {
          status: "DEPRECATED",
          message: "Use property character_classes.",
          version: "2014.2",
          previous_status: null,
        },
      },
    },
    character_classes: {
      type: "list",
      description: "A list of character class and their constraints to generate the random string from.",
      default: DEFAULT_CLASSES,
      schema: {
        "*": {
          type: "map",
          schema: {
            class: {
              type: "string",
              description: "A character class and its corresponding min constraint to generate the random string from.",
              default: "lettersdigits",
              constraints: [{ allowed_values: CLASS_NAMES }],
            },
            min: min("character class"),
          },
        },
      },
    },
    character_sequences: {
      type: "list",
      description: "A list of character sequences and their constraints to generate the random string from.",
      schema: {
        "*": {
          type: "map",
          schema: {
            sequence: {
              type: "string",
              description:
                "A character sequence and its corresponding min constraint to generate the random string from.",
              required: true,
            },
            min: min("sequence"),
          },
        },
      },
    },
    salt: {
      type: "string",
      description:
        "Value which can be set or changed on stack update to trigger the resource for replacement with a new " +
        "random string. The salt value itself is ignored by the random generator.",
    },
  },
  attributes: {
    value: {
      description:
        "The random string generated by this resource. This value is also available by referencing the resource.",
      type: "string",
    },
  },
};

/** A set of characters and how many of them the string must hold at least. */
export interface CharacterSet {
  chars: string;
  min: number;
}

function entries(v: Value | undefined): Attrs[] {
  return Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === "object" && !isUnknown(x)) as Attrs[]) : [];
}

function minOf(e: Attrs): number {
  return typeof e.min === "number" ? e.min : e.min === undefined || e.min === null ? 1 : Number(e.min);
}

/** The character sets a configuration asks for, sequences first (as Heat orders them); null while unknown. */
export function characterSets(attrs: Attrs): CharacterSet[] | null {
  const { character_sequences: seqs, character_classes: classes, sequence } = attrs;
  if ([seqs, classes, sequence].some((v) => v !== undefined && isUnknown(v))) return null;
  const classList: Attrs[] =
    classes === undefined || classes === null ? (sequence ? [] : DEFAULT_CLASSES) : entries(classes);
  if (typeof sequence === "string" && sequence) classList.push({ class: sequence, min: 1 });
  return [
    ...entries(seqs).map((s) => ({ chars: String(s.sequence ?? ""), min: minOf(s) })),
    ...classList.map((c) => ({ chars: CHARACTER_CLASSES[String(c.class ?? "lettersdigits")] ?? "", min: minOf(c) })),
  ];
}

/**
 * Heat's generate_password with a cryptographic generator: each set's minimum, then the rest from the union of
 * every set, shuffled (Fisher-Yates over crypto.randomInt).
 */
export function generateRandomString(length: number, sets: CharacterSet[]): string {
  const chosen: string[] = [];
  const all = new Set<string>();
  for (const s of sets) {
    const chars = [...new Set(s.chars)];
    for (const c of chars) all.add(c);
    for (let i = 0; i < s.min; i++) chosen.push(chars[randomInt(chars.length)]);
  }
  const union = [...all];
  while (chosen.length < length) chosen.push(union[randomInt(union.length)]);
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
  }
  return chosen.slice(0, length).join("");
}

function lengthOf(attrs: Attrs): number {
  return typeof attrs.length === "number" ? attrs.length : Number(attrs.length ?? 32);
}

/** The schema, but character_classes has no default: the deprecated `sequence` replaces the default, not adds. */
function gantrySchema(): ResourceType["schema"] {
  const schema = gantrySchemaOfHeatType(HEAT_RANDOM_STRING, "The physical resource id (Heat's STACK-NAME-SHORTID).");
  const { default: _ignored, ...classes } = schema.character_classes;
  return { ...schema, character_classes: classes };
}

export const heatRandomStringType: ResourceType = {
  name: "heat_random_string",
  description: "Heat's OS::Heat::RandomString: a random string (attribute value) made once; any change replaces it.",
  schema: gantrySchema(),
  heat: HEAT_RANDOM_STRING,

  validate(config) {
    if (config.length !== undefined && isUnknown(config.length)) return [];
    const sets = characterSets(config);
    if (!sets) return [];
    const problems: { attribute: string; message: string }[] = [];
    for (const s of entries(config.character_sequences))
      if (typeof s.sequence === "string" && s.sequence.length === 0)
        problems.push({ attribute: "character_sequences", message: "a character sequence may not be empty" });
    if (sets.reduce((n, s) => n + s.min, 0) > lengthOf(config))
      problems.push({
        attribute: "",
        message: "Length property cannot be smaller than combined character class and character sequence minimums",
      });
    return problems;
  },

  planChange(prior, config) {
    return { planned: prior === null ? { ...config, value: UNKNOWN, id: UNKNOWN } : { ...config } };
  },

  async create(ctx, planned) {
    const sets = characterSets(planned) ?? [];
    const value = generateRandomString(lengthOf(planned), sets);
    return { ...planned, value, id: heatPhysicalResourceName(ctx) };
  },

  async read(_ctx, prior) {
    return prior;
  },

  // Heat's adopt: the existing object's id and the value its data kept (none: null, as Heat's attribute then is)
  async import(_ctx, id, config, data) {
    // the properties as the plan will have them (defaults given), so that the object taken over is not replaced
    const properties = Object.entries(heatRandomStringType.schema)
      .filter(([, s]) => !s.computed)
      .map(([k, s]) => [k, config[k] ?? s.default ?? null]);
    return { ...Object.fromEntries(properties), value: data?.value ?? null, id };
  },

  // every property replaces the resource (all forceNew): an update only ever carries the computed attributes over
  async update(_ctx, prior, planned) {
    return { ...planned, value: prior.value ?? null, id: prior.id ?? null };
  },

  async delete() {
    /* only in state */
  },
};
