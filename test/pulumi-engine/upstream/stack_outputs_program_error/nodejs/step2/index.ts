// Copyright 2016, Pulumi Corporation.  All rights reserved.

export let xyz = "DEF";

throw new Error("program error");

export let foo = 1;
