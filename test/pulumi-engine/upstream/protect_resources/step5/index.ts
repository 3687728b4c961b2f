// Copyright 2016, Pulumi Corporation.  All rights reserved.

import { Resource } from "./resource";

// Finally, we can delete this thing.
