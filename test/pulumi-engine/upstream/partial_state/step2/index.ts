// Copyright 2016, Pulumi Corporation.  All rights reserved.

// file is deliberately empty.
// The engine should delete "a" since it's in the checkpoint.
