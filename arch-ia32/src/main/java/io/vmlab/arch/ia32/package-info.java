/**
 * The IA-32 architecture plugin: 2-level paging (10/10/12, p4d/pud/pmd folded, 4-byte entries)
 * and PAE (2/9/9/12, p4d/pud folded, 8-byte entries with NX), with Linux's user/kernel splits
 * (CONFIG_VMSPLIT_*) and the i386 address-space constants.
 */
package io.vmlab.arch.ia32;
