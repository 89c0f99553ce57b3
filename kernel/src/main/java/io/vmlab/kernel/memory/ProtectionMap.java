package io.vmlab.kernel.memory;

import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.mm.VmFlags;

/**
 * vm_get_page_prot(): the PTE bits of a VMA's pages (arch/x86/mm/pgprot.c protection_map).
 * Private writable mappings get no RW bit, so the first write faults and copies; PROT_NONE is
 * not present to the CPU; NX marks everything not executable when the machine uses NX.
 */
final class ProtectionMap {
  private final boolean nx;

  ProtectionMap(boolean nx) {
    this.nx = nx;
  }

  /** The PTE flags for a VMA with {@code vmFlags}. */
  int of(long vmFlags) {
    boolean r = (vmFlags & VmFlags.READ) != 0;
    boolean w = (vmFlags & VmFlags.WRITE) != 0;
    boolean x = (vmFlags & VmFlags.EXEC) != 0;
    if (!r && !w && !x) {
      return PteFlags.PROTNONE | PteFlags.ACCESSED;
    }
    int f = PteFlags.PRESENT | PteFlags.USER | PteFlags.ACCESSED;
    if (w && (vmFlags & VmFlags.SHARED) != 0) {
      f |= PteFlags.RW;
    }
    if (!x && nx) {
      f |= PteFlags.NX;
    }
    return f;
  }

  /** pte_modify(): keeps the frame and the A/D state, takes the protection from {@code prot}. */
  static int modify(int oldFlags, int prot) {
    int keep = oldFlags & (PteFlags.ACCESSED | PteFlags.DIRTY | PteFlags.SPECIAL | PteFlags.SOFT_DIRTY | PteFlags.HUGE);
    int f = (prot & ~PteFlags.ACCESSED) | keep;
    if ((prot & PteFlags.PRESENT) == 0) {
      f &= ~PteFlags.PRESENT;
    }
    return f;
  }
}
