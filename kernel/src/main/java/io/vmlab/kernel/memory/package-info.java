/**
 * The page layer (mm/memory.c, mm/rmap.c, arch/x86/mm/fault.c): the access path through the TLB
 * and the page-table walk, the fault handler (anonymous, file, COW, write-protect, swap, THP,
 * stack expansion), reverse mapping, zapping, fork's page-table copy, and the PageOps the VMA
 * layer calls.
 */
package io.vmlab.kernel.memory;
