// Copyright 2016, Pulumi Corporation.  All rights reserved.

export let xyz = "ABC";
export let foo = 42;
