/**
 * Consistency checks of a whole machine: every mapped frame reachable by rmap from each PTE that
 * maps it, refcounts and mapcounts equal to a recount, RSS counters equal to the present PTEs,
 * VMA and page-table bookkeeping equal to recounts, and no frame leaked after all processes exit.
 */
package io.vmlab.kernel.check;
