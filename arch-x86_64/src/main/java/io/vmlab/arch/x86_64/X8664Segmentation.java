package io.vmlab.arch.x86_64;

import static io.vmlab.api.arch.SegmentDescriptor.gdtEntry;

import io.vmlab.api.arch.Segmentation;
import io.vmlab.api.arch.x86.X86Segmentation;

/**
 * The x86-64 GDT of Linux 6.1 (arch/x86/include/asm/segment.h, 64-bit layout;
 * arch/x86/kernel/cpu/common.c gdt_page): __KERNEL32_CS 0x08, __KERNEL_CS 0x10 (L=1),
 * __KERNEL_DS 0x18, __USER32_CS 0x23, __USER_DS 0x2b, __USER_CS 0x33 (L=1), in the order SYSRET
 * needs; the 16-byte TSS and LDT descriptors; the TLS slots 12-14; and the CPUNODE segment whose
 * limit encodes the CPU and node for the vDSO's getcpu (an expand-down read-only data segment).
 */
final class X8664Segmentation {
  static final int GDT_ENTRIES = 16;
  static final int GDT_ENTRY_KERNEL32_CS = 1;
  static final int GDT_ENTRY_KERNEL_CS = 2;
  static final int GDT_ENTRY_KERNEL_DS = 3;
  static final int GDT_ENTRY_DEFAULT_USER32_CS = 4;
  static final int GDT_ENTRY_DEFAULT_USER_DS = 5;
  static final int GDT_ENTRY_DEFAULT_USER_CS = 6;
  static final int GDT_ENTRY_TSS = 8;
  static final int GDT_ENTRY_LDT = 10;
  static final int GDT_ENTRY_TLS_MIN = 12;
  static final int GDT_ENTRY_CPUNODE = 15;

  /**
   * __KERNEL_TSS_LIMIT with CONFIG_X86_IOPL_IOPERM: the 104-byte hardware TSS, the I/O bitmap
   * bookkeeping, both 8 KiB bitmaps and the extra long (IO_BITMAP_OFFSET_VALID_ALL + 8192 + 8 - 1).
   */
  static final int KERNEL_TSS_LIMIT = 0x4087;

  static final int KERNEL_CS = GDT_ENTRY_KERNEL_CS * 8;
  static final int KERNEL_DS = GDT_ENTRY_KERNEL_DS * 8;
  static final int USER32_CS = GDT_ENTRY_DEFAULT_USER32_CS * 8 + 3;
  static final int USER_DS = GDT_ENTRY_DEFAULT_USER_DS * 8 + 3;
  static final int USER_CS = GDT_ENTRY_DEFAULT_USER_CS * 8 + 3;

  /**
   * A 64-bit process: start_thread_common(__USER_CS, __USER_DS, 0) leaves ds = es = fs = gs = 0.
   * On entry (SYSCALL) the kernel runs on __KERNEL_CS/__KERNEL_DS and keeps the user's data
   * selectors (SWAPGS swaps only the GS base).
   */
  private static final X86Segmentation NATIVE = build();

  /** An IA-32 process: compat_start_thread() loads __USER32_CS and ds = es = ss = __USER_DS. */
  private static final X86Segmentation COMPAT = NATIVE.withUserSelectors(USER32_CS, USER_DS, USER_DS, USER_DS, 0, 0);

  private X8664Segmentation() {}

  /** The segmentation of a 64-bit process. */
  static Segmentation nativeAbi() {
    return NATIVE;
  }

  /** The segmentation of an IA-32 (compat) process on the 64-bit kernel. */
  static Segmentation compat() {
    return COMPAT;
  }

  private static X86Segmentation build() {
    return X86Segmentation.builder(GDT_ENTRIES, GDT_ENTRY_TLS_MIN, true)
        .entry(0, "GDT_ENTRY_INVALID_SEG (null)", 0)
        .entry(GDT_ENTRY_KERNEL32_CS, "GDT_ENTRY_KERNEL32_CS", gdtEntry(0xc09b, 0, 0xfffff))
        .entry(GDT_ENTRY_KERNEL_CS, "GDT_ENTRY_KERNEL_CS", gdtEntry(0xa09b, 0, 0xfffff))
        .entry(GDT_ENTRY_KERNEL_DS, "GDT_ENTRY_KERNEL_DS", gdtEntry(0xc093, 0, 0xfffff))
        .entry(GDT_ENTRY_DEFAULT_USER32_CS, "GDT_ENTRY_DEFAULT_USER32_CS", gdtEntry(0xc0fb, 0, 0xfffff))
        .entry(GDT_ENTRY_DEFAULT_USER_DS, "GDT_ENTRY_DEFAULT_USER_DS", gdtEntry(0xc0f3, 0, 0xfffff))
        .entry(GDT_ENTRY_DEFAULT_USER_CS, "GDT_ENTRY_DEFAULT_USER_CS", gdtEntry(0xa0fb, 0, 0xfffff))
        .entry(7, "unused", 0)
        // Busy 64-bit TSS after ltr; the base (the CPU's cpu_entry_area TSS) is set at boot and not modelled.
        .entry(GDT_ENTRY_TSS, "GDT_ENTRY_TSS (low half)", gdtEntry(0x008b, 0, KERNEL_TSS_LIMIT))
        .entry(GDT_ENTRY_TSS + 1, "GDT_ENTRY_TSS (high half: base bits 63..32)", 0)
        // Written by set_ldt() only while an mm with an LDT runs.
        .entry(GDT_ENTRY_LDT, "GDT_ENTRY_LDT (low half)", 0)
        .entry(GDT_ENTRY_LDT + 1, "GDT_ENTRY_LDT (high half)", 0)
        // setup_getcpu() on CPU 0, node 0: type 5 (read-only, expand-down, accessed), DPL 3, D=1, limit 0.
        .entry(GDT_ENTRY_CPUNODE, "GDT_ENTRY_CPUNODE", gdtEntry(0x40f5, 0, 0))
        .selector("__KERNEL32_CS", GDT_ENTRY_KERNEL32_CS * 8)
        .selector("__KERNEL_CS", KERNEL_CS)
        .selector("__KERNEL_DS", KERNEL_DS)
        .selector("__USER32_CS", USER32_CS)
        .selector("__USER_DS", USER_DS)
        .selector("__USER_CS", USER_CS)
        .selector("__CPUNODE_SEG", GDT_ENTRY_CPUNODE * 8 + 3)
        .user(USER_CS, USER_DS, 0, 0, 0, 0)
        .kernel(KERNEL_CS, KERNEL_DS, -1, -1, -1, -1)
        .build();
  }
}
