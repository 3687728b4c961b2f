// Copyright 2016, Pulumi Corporation.  All rights reserved.

import { Resource } from "./resource";

// Attempt to delete the resource; this will fail!
