/** Belady's optimal page replacement: a heap of resident frames keyed by their next reference. */
package io.vmlab.policy.opt;
