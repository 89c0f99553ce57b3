package io.vmlab.api.arch;

/** What the arch code made of a fault on a kernel address (do_kern_addr_fault). */
public enum KernelFaultOutcome {
  /** IA-32 vmalloc_fault(): the entry was copied from the reference table; retry the access. */
  VMALLOC_SYNCED,
  /** spurious_kernel_fault(): the entry already allowed the access (a stale TLB); retry. */
  SPURIOUS,
  /** A bad area: a signal for user mode, an exception fixup or an oops for kernel mode. */
  BAD_AREA
}
