package io.vmlab.kernel.memory;

/** VM_FAULT_* results and FAULT_FLAG_* inputs of the generic fault handler (include/linux/mm_types.h). */
final class Fault {
  // Results.
  static final int OK = 0;
  static final int OOM = 0x1;
  static final int SIGBUS = 0x2;
  static final int MAJOR = 0x4;
  static final int SIGSEGV = 0x40;
  static final int NOPAGE = 0x100;
  static final int FALLBACK = 0x800;
  static final int ERROR = OOM | SIGBUS | SIGSEGV;

  // Flags.
  static final int WRITE = 0x1;
  static final int USER = 0x40;
  static final int REMOTE = 0x80;
  static final int INSTRUCTION = 0x100;

  private Fault() {}
}
