/**
 * The generic page table: a walker over any geometry the architecture gives (Linux's five levels,
 * folded levels costing nothing), tables that are real frames from physical memory, entries in
 * the architecture's format, and VmPTE counted as mm_pgtables_bytes() counts it.
 */
package io.vmlab.kernel.pgtable;
