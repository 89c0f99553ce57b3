/**
 * Address spaces: {@link io.vmlab.kernel.mm.MmStruct} (mm_struct), {@link io.vmlab.kernel.mm.Vma}
 * (vm_area_struct) in an ordered, gap-augmented tree, anon_vma chains, and the mmap family of
 * system calls with Linux 6.1's results and errno values.
 */
package io.vmlab.kernel.mm;
