package io.vmlab.api.arch;

import java.util.Map;

/**
 * x86 segmentation as Linux sets it up for one process ABI: the per-CPU GDT Linux fills at boot
 * (arch/x86/kernel/cpu/common.c gdt_page), the selector values of arch/x86/include/asm/segment.h,
 * and the selectors start_thread() and the kernel entry code leave in the segment registers. It
 * only says what the tables and registers hold; the kernel's segmentation unit does the checks.
 * Obtained from {@link ProcessAbi#segmentation()}; an architecture without segmentation has none.
 */
public interface Segmentation {
  /** GDT_ENTRY_TLS_ENTRIES: the per-thread TLS slots set_thread_area() fills. */
  int TLS_ENTRIES = 3;

  /** LDT_ENTRIES: the most entries modify_ldt() lets an LDT have. */
  int LDT_ENTRIES = 8192;

  /** GDT_ENTRIES: 32 on i386, 16 on x86-64. */
  int gdtEntries();

  /**
   * The 8-byte descriptor (struct desc_struct) in GDT entry {@code index}, as Linux fills it on
   * CPU 0; the TLS slots are 0 here (they are per thread). The upper half of a 16-byte x86-64
   * system descriptor (TSS, LDT) is its own entry.
   */
  long gdtEntry(int index);

  /** Linux's name of GDT entry {@code index} (e.g. {@code GDT_ENTRY_KERNEL_CS}), or "" if unused. */
  String gdtEntryName(int index);

  /** GDT_ENTRY_TLS_MIN: 6 on i386, 12 on x86-64. */
  int tlsMin();

  /** The selector macros of segment.h by name ({@code __USER_CS} -> 0x73 on i386). */
  Map<String, Integer> selectors();

  /** The selector start_thread() (compat_start_thread() for a compat process) loads into {@code reg}. */
  int userSelector(SegmentRegister reg);

  /**
   * The selector in {@code reg} while the kernel runs a system call for this process (CPL 0), or
   * -1 where the entry code keeps the user's value.
   */
  int kernelSelector(SegmentRegister reg);

  /** Whether the CPU runs in IA-32e mode (EFER.LMA): a code segment with L=1 is then 64-bit code. */
  boolean longModeActive();

  /** The macro name of {@code selector} with any RPL ({@code __USER_CS}), or null. */
  default String selectorName(int selector) {
    for (Map.Entry<String, Integer> e : selectors().entrySet()) {
      if (e.getValue() == selector) {
        return e.getKey();
      }
    }
    return null;
  }
}
