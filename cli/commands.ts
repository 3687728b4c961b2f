// Every gantry command, for oclif's explicit command discovery.

import Apply from "./commands/apply.js";
import Destroy from "./commands/destroy.js";
import ForceUnlock from "./commands/force-unlock.js";
import GraphCmd from "./commands/graph.js";
import ImportCmd from "./commands/import.js";
import ImportBde from "./commands/import-bde.js";
import Output from "./commands/output.js";
import Plan from "./commands/plan.js";
import Reconcile from "./commands/reconcile.js";
import Refresh from "./commands/refresh.js";
import Show from "./commands/show.js";
import StateList from "./commands/state-list.js";
import StateMv from "./commands/state-mv.js";
import StateRm from "./commands/state-rm.js";
import StateShow from "./commands/state-show.js";
import Taint from "./commands/taint.js";
import Untaint from "./commands/untaint.js";
import Validate from "./commands/validate.js";

export const commands = {
  apply: Apply,
  destroy: Destroy,
  "force-unlock": ForceUnlock,
  graph: GraphCmd,
  import: ImportCmd,
  "import:bde": ImportBde,
  output: Output,
  plan: Plan,
  reconcile: Reconcile,
  refresh: Refresh,
  show: Show,
  "state:list": StateList,
  "state:mv": StateMv,
  "state:rm": StateRm,
  "state:show": StateShow,
  taint: Taint,
  untaint: Untaint,
  validate: Validate,
};
