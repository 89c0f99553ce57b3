/**
 * What {@code vmlab layout} and {@code vmlab translate} compute, as plain records (written as
 * text or JSON): a machine's paging levels and address-space layout per process ABI, and the
 * decomposition of a virtual address into per-level indices.
 */
package io.vmlab.app.inspect;
