// What `get_resource` (Heat's Ref) returns for each resource type, as a
// gantry attribute: the physical id ("id") unless the type says otherwise
// (OS::Heat::RandomString: the random string itself, its `value`). The HOT
// front end reads this table to compile get_resource and a group's refs;
// the types name the same attribute in their HeatTypeDetails from here.

/** Model types whose get_resource is not their id: model type → attribute. */
const REFERENCE_ATTRIBUTES: Readonly<Record<string, string>> = {
  heat_random_string: "value",
};

/** The attribute get_resource returns for resources of `modelType` ("id" unless the type says otherwise). */
export function referenceAttributeOf(modelType: string): string {
  return Object.hasOwn(REFERENCE_ATTRIBUTES, modelType) ? (REFERENCE_ATTRIBUTES[modelType] as string) : "id";
}
