// Copyright 2016, Pulumi Corporation.  All rights reserved.

// Step 6: Delete everything:
// * Elide a (Delete(a5)).
// * Elide c (Delete(c)).
// * Elide e (Delete(e)).
// * Pending delete (Delete(a4)).
// Checkpoint: empty
