// Every gantry command, for oclif's explicit command discovery.

import Apply from "./commands/apply.js";
import Console from "./commands/console.js";
import Destroy from "./commands/destroy.js";
import Fmt from "./commands/fmt.js";
import ForceUnlock from "./commands/force-unlock.js";
import GraphCmd from "./commands/graph.js";
import HostReadmit from "./commands/host-readmit.js";
import ImportCmd from "./commands/import.js";
import ImportBde from "./commands/import-bde.js";
import Init from "./commands/init.js";
import Output from "./commands/output.js";
import Plan from "./commands/plan.js";
import Providers from "./commands/providers.js";
import PulumiConfig from "./commands/pulumi/config.js";
import PulumiConfigCp from "./commands/pulumi/config-cp.js";
import PulumiConfigGet from "./commands/pulumi/config-get.js";
import PulumiConfigRm from "./commands/pulumi/config-rm.js";
import PulumiConfigSet from "./commands/pulumi/config-set.js";
import PulumiConfigSetAll from "./commands/pulumi/config-set-all.js";
import PulumiDestroy from "./commands/pulumi/destroy.js";
import PulumiPreview from "./commands/pulumi/preview.js";
import PulumiRefresh from "./commands/pulumi/refresh.js";
import PulumiStackExport from "./commands/pulumi/stack-export.js";
import PulumiStackImport from "./commands/pulumi/stack-import.js";
import PulumiStackOutput from "./commands/pulumi/stack-output.js";
import PulumiUp from "./commands/pulumi/up.js";
import ProvidersSchema from "./commands/providers-schema.js";
import Reconcile from "./commands/reconcile.js";
import Refresh from "./commands/refresh.js";
import Serve from "./commands/serve.js";
import Show from "./commands/show.js";
import StateHistory from "./commands/state-history.js";
import StateList from "./commands/state-list.js";
import StateMigrate from "./commands/state-migrate.js";
import StateMv from "./commands/state-mv.js";
import StateRm from "./commands/state-rm.js";
import StatePull from "./commands/state-pull.js";
import StatePush from "./commands/state-push.js";
import StateShow from "./commands/state-show.js";
import Taint from "./commands/taint.js";
import TokenCreate from "./commands/token-create.js";
import Untaint from "./commands/untaint.js";
import Validate from "./commands/validate.js";
import WorkspaceDelete from "./commands/workspace-delete.js";
import WorkspaceList from "./commands/workspace-list.js";
import WorkspaceNew from "./commands/workspace-new.js";
import WorkspaceSelect from "./commands/workspace-select.js";
import WorkspaceShow from "./commands/workspace-show.js";

export const commands = {
  apply: Apply,
  console: Console,
  destroy: Destroy,
  fmt: Fmt,
  "force-unlock": ForceUnlock,
  graph: GraphCmd,
  "host:readmit": HostReadmit,
  import: ImportCmd,
  "import:bde": ImportBde,
  init: Init,
  output: Output,
  plan: Plan,
  providers: Providers,
  "pulumi:config": PulumiConfig,
  "pulumi:config:cp": PulumiConfigCp,
  "pulumi:config:get": PulumiConfigGet,
  "pulumi:config:rm": PulumiConfigRm,
  "pulumi:config:set": PulumiConfigSet,
  "pulumi:config:set-all": PulumiConfigSetAll,
  "pulumi:destroy": PulumiDestroy,
  "pulumi:preview": PulumiPreview,
  "pulumi:refresh": PulumiRefresh,
  "pulumi:stack:export": PulumiStackExport,
  "pulumi:stack:import": PulumiStackImport,
  "pulumi:stack:output": PulumiStackOutput,
  "pulumi:up": PulumiUp,
  "providers:schema": ProvidersSchema,
  reconcile: Reconcile,
  refresh: Refresh,
  serve: Serve,
  show: Show,
  "state:history": StateHistory,
  "state:list": StateList,
  "state:migrate": StateMigrate,
  "state:mv": StateMv,
  "state:rm": StateRm,
  "state:pull": StatePull,
  "state:push": StatePush,
  "state:show": StateShow,
  taint: Taint,
  "token:create": TokenCreate,
  untaint: Untaint,
  validate: Validate,
  "workspace:delete": WorkspaceDelete,
  "workspace:list": WorkspaceList,
  "workspace:new": WorkspaceNew,
  "workspace:select": WorkspaceSelect,
  "workspace:show": WorkspaceShow,
};
