/**
 * The architecture SPI. An {@link io.vmlab.api.arch.Architecture} plugin offers paging modes; once
 * configured for a machine it is an {@link io.vmlab.api.arch.ArchModel}: the paging geometry with
 * Linux's five levels and their folding, the page-table entry format, the address-space constants
 * of each process ABI it runs, the arch part of page-fault handling, and (x86) the segmentation a
 * process ABI runs under ({@link io.vmlab.api.arch.Segmentation}: GDT, selectors, long mode). The
 * kernel asks these objects; it never tests which architecture it runs on.
 */
package io.vmlab.api.arch;
