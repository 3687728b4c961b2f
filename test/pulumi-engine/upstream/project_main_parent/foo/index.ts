// Copyright 2016, Pulumi Corporation.  All rights reserved.

console.log("So much abs main");
