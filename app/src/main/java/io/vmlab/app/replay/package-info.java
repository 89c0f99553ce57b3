/**
 * Trace replay through the kernel: every page reference of a trace is one user-mode access of a
 * process, through its TLB, page-table walk and fault path. The VMAs come from a maps file, or are
 * made on first touch (private anonymous, read-write-execute).
 */
package io.vmlab.app.replay;
