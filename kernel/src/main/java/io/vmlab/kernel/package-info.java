/**
 * vmlab's common mm kernel. It runs behind an {@link io.vmlab.api.arch.ArchModel} and never asks
 * which architecture that is.
 *
 * <p>Sub-packages follow Linux's shape: {@code config} (the machine description), {@code mm}
 * (mm_struct, VMAs, the mmap family), {@code pgtable} (the generic page-table walker), {@code
 * phys} (frames, the buddy allocator), {@code fault} (the fault path), {@code proc} (/proc
 * output).
 */
package io.vmlab.kernel;
