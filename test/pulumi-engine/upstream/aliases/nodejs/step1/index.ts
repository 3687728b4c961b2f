// Copyright 2026, Pulumi Corporation.  All rights reserved.

import "./scenario_rename";
import "./scenario_adopt_into_component";
import "./scenario_rename_component_and_child";
import "./scenario_retype_component";
import "./scenario_rename_component";
import "./scenario_retype_parents";
import "./scenario_adopt_component_child";
import "./scenario_extract_component_child";
import "./scenario_rename_component_child";
import "./scenario_retype_component_child";
