package io.vmlab.api.arch;

/**
 * The arch part of the page-fault path (arch/x86/mm/fault.c): error codes, the split between
 * kernel- and user-address faults, and the kernel-address handling that differs between IA-32
 * (vmalloc faults) and x86-64 (none since 4.x).
 */
public interface ArchFaultHandler {
  /**
   * The error code the CPU pushes for an access that faulted.
   *
   * @param present whether the leaf entry was present (a protection fault)
   * @param user whether the access came from user mode
   */
  int errorCode(boolean present, Access access, boolean user);

  /** handle_page_fault(): whether {@code va} goes to do_kern_addr_fault. */
  boolean isKernelAddress(long va);

  /** sanitize_error_code(): what a user-mode signal reports for a fault at {@code va}. */
  int sanitize(long va, int errorCode);

  /** do_kern_addr_fault() before bad_area: vmalloc sync (IA-32 only) and spurious faults. */
  KernelFaultOutcome kernelAddressFault(long va, int errorCode, PageTableAccess tables);

  /**
   * do_user_addr_fault()'s checks before the VMA lookup: returns the oops reason, or null.
   * (A supervisor instruction fetch from a user page (SMEP/NX), a reserved-bit fault.)
   */
  String userAddressOops(long va, int errorCode);
}
