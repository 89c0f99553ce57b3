package io.vmlab.api.arch;

/** Where a virtual address lies. */
public enum AddressClass {
  /** The user half (below PAGE_OFFSET on IA-32, the lower canonical half on x86-64). */
  USER,
  /** The kernel half. */
  KERNEL,
  /** Not canonical: an access raises #GP before any page-table walk. */
  NON_CANONICAL
}
