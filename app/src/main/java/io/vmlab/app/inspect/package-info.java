/**
 * What {@code vmlab layout} and {@code vmlab translate} compute, as plain records (written as
 * text or JSON): a machine's paging levels and address-space layout per process ABI, the
 * decomposition of a virtual address into per-level indices, and a logical address
 * (selector:offset) through segmentation to a linear address.
 */
package io.vmlab.app.inspect;
