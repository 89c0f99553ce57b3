package io.vmlab.api.arch;

/** The x86 page-fault error code (arch/x86/include/asm/trap_pf.h). */
public final class PageFaultError {
  /** X86_PF_PROT: 0 = not-present page, 1 = protection violation. */
  public static final int PROT = 1;
  /** X86_PF_WRITE. */
  public static final int WRITE = 1 << 1;
  /** X86_PF_USER: the access came from user mode. */
  public static final int USER = 1 << 2;
  /** X86_PF_RSVD: a reserved bit was set in an entry. */
  public static final int RSVD = 1 << 3;
  /** X86_PF_INSTR: instruction fetch (reported only when NX is on). */
  public static final int INSTR = 1 << 4;
  /** X86_PF_PK: protection key. */
  public static final int PK = 1 << 5;
  /** X86_PF_SGX. */
  public static final int SGX = 1 << 15;

  /** Trap number of a page fault (#PF). */
  public static final int TRAP_PF = 0xe;
  /** Trap number of a general-protection fault (#GP). */
  public static final int TRAP_GP = 0xd;

  private PageFaultError() {}

  /** The text of Linux's oops lines: {@code "user write access in user mode ... not-present page"}. */
  public static String describe(int code) {
    String who = (code & USER) != 0 ? "user" : "supervisor";
    String what = (code & INSTR) != 0 ? "instruction fetch" : (code & WRITE) != 0 ? "write access" : "read access";
    String mode = (code & USER) != 0 ? "user mode" : "kernel mode";
    String why;
    if ((code & PROT) == 0) {
      why = "not-present page";
    } else if ((code & RSVD) != 0) {
      why = "reserved bit violation";
    } else if ((code & PK) != 0) {
      why = "protection keys violation";
    } else {
      why = "permissions violation";
    }
    return who + " " + what + " in " + mode + ", " + why;
  }
}
