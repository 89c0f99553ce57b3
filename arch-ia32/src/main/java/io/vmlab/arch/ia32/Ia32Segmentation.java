package io.vmlab.arch.ia32;

import static io.vmlab.api.arch.SegmentDescriptor.gdtEntry;

import io.vmlab.api.arch.Segmentation;
import io.vmlab.api.arch.x86.X86Segmentation;

/**
 * The i386 GDT of Linux 6.1 (arch/x86/include/asm/segment.h, CONFIG_X86_32 layout;
 * arch/x86/kernel/cpu/common.c gdt_page): flat 4 GiB kernel and user code/data segments in
 * entries 12-15 (__KERNEL_CS 0x60, __KERNEL_DS 0x68, __USER_CS 0x73, __USER_DS 0x7b), the TLS
 * slots 6-8, the TSS, the LDT slot, the PnP and APM BIOS segments, ESPFIX and per-cpu.
 */
final class Ia32Segmentation {
  static final int GDT_ENTRIES = 32;
  static final int GDT_ENTRY_TLS_MIN = 6;
  static final int GDT_ENTRY_KERNEL_CS = 12;
  static final int GDT_ENTRY_KERNEL_DS = 13;
  static final int GDT_ENTRY_DEFAULT_USER_CS = 14;
  static final int GDT_ENTRY_DEFAULT_USER_DS = 15;
  static final int GDT_ENTRY_TSS = 16;
  static final int GDT_ENTRY_LDT = 17;
  static final int GDT_ENTRY_PNPBIOS_CS32 = 18;
  static final int GDT_ENTRY_APMBIOS_BASE = 23;
  static final int GDT_ENTRY_ESPFIX_SS = 26;
  static final int GDT_ENTRY_PERCPU = 27;
  static final int GDT_ENTRY_DOUBLEFAULT_TSS = 31;

  /**
   * __KERNEL_TSS_LIMIT with CONFIG_X86_IOPL_IOPERM: the 104-byte hardware TSS, the I/O bitmap
   * bookkeeping, both 8 KiB bitmaps and the extra long (IO_BITMAP_OFFSET_VALID_ALL + 8192 + 4 - 1).
   */
  static final int KERNEL_TSS_LIMIT = 0x407b;

  private static final Segmentation LINUX = build();

  private Ia32Segmentation() {}

  /** The segmentation of every i386 process. */
  static Segmentation linux() {
    return LINUX;
  }

  private static Segmentation build() {
    int kernelCs = GDT_ENTRY_KERNEL_CS * 8;
    int kernelDs = GDT_ENTRY_KERNEL_DS * 8;
    int userCs = GDT_ENTRY_DEFAULT_USER_CS * 8 + 3;
    int userDs = GDT_ENTRY_DEFAULT_USER_DS * 8 + 3;
    int percpu = GDT_ENTRY_PERCPU * 8;
    X86Segmentation.Builder b = X86Segmentation.builder(GDT_ENTRIES, GDT_ENTRY_TLS_MIN, false)
        .entry(0, "GDT_ENTRY_INVALID_SEG (null)", 0)
        .entry(GDT_ENTRY_KERNEL_CS, "GDT_ENTRY_KERNEL_CS", gdtEntry(0xc09a, 0, 0xfffff))
        .entry(GDT_ENTRY_KERNEL_DS, "GDT_ENTRY_KERNEL_DS", gdtEntry(0xc092, 0, 0xfffff))
        .entry(GDT_ENTRY_DEFAULT_USER_CS, "GDT_ENTRY_DEFAULT_USER_CS", gdtEntry(0xc0fa, 0, 0xfffff))
        .entry(GDT_ENTRY_DEFAULT_USER_DS, "GDT_ENTRY_DEFAULT_USER_DS", gdtEntry(0xc0f2, 0, 0xfffff))
        // Busy after ltr; the base (the CPU's cpu_entry_area TSS) is set at boot and not modelled.
        .entry(GDT_ENTRY_TSS, "GDT_ENTRY_TSS", gdtEntry(0x008b, 0, KERNEL_TSS_LIMIT))
        // Written by set_ldt() only while an mm with an LDT runs.
        .entry(GDT_ENTRY_LDT, "GDT_ENTRY_LDT", 0)
        .entry(GDT_ENTRY_PNPBIOS_CS32, "GDT_ENTRY_PNPBIOS_CS32", gdtEntry(0x409a, 0, 0xffff))
        .entry(GDT_ENTRY_PNPBIOS_CS32 + 1, "GDT_ENTRY_PNPBIOS_CS16", gdtEntry(0x009a, 0, 0xffff))
        .entry(GDT_ENTRY_PNPBIOS_CS32 + 2, "GDT_ENTRY_PNPBIOS_DS", gdtEntry(0x0092, 0, 0xffff))
        .entry(GDT_ENTRY_PNPBIOS_CS32 + 3, "GDT_ENTRY_PNPBIOS_TS1", gdtEntry(0x0092, 0, 0))
        .entry(GDT_ENTRY_PNPBIOS_CS32 + 4, "GDT_ENTRY_PNPBIOS_TS2", gdtEntry(0x0092, 0, 0))
        .entry(GDT_ENTRY_APMBIOS_BASE, "GDT_ENTRY_APMBIOS_BASE (32-bit code)", gdtEntry(0x409a, 0, 0xffff))
        .entry(GDT_ENTRY_APMBIOS_BASE + 1, "GDT_ENTRY_APMBIOS_BASE+1 (16-bit code)", gdtEntry(0x009a, 0, 0xffff))
        .entry(GDT_ENTRY_APMBIOS_BASE + 2, "GDT_ENTRY_APMBIOS_BASE+2 (data)", gdtEntry(0x4092, 0, 0xffff))
        .entry(GDT_ENTRY_ESPFIX_SS, "GDT_ENTRY_ESPFIX_SS", gdtEntry(0xc092, 0, 0xfffff))
        // The base becomes the CPU's per-cpu offset at boot (setup_percpu_segment).
        .entry(GDT_ENTRY_PERCPU, "GDT_ENTRY_PERCPU", gdtEntry(0xc092, 0, 0xfffff))
        .entry(GDT_ENTRY_DOUBLEFAULT_TSS, "GDT_ENTRY_DOUBLEFAULT_TSS", gdtEntry(0x0089, 0, KERNEL_TSS_LIMIT))
        .selector("__KERNEL_CS", kernelCs)
        .selector("__KERNEL_DS", kernelDs)
        .selector("__USER_CS", userCs)
        .selector("__USER_DS", userDs)
        .selector("__ESPFIX_SS", GDT_ENTRY_ESPFIX_SS * 8)
        .selector("__KERNEL_PERCPU", percpu)
        .selector("PNP_CS32", GDT_ENTRY_PNPBIOS_CS32 * 8)
        .selector("PNP_CS16", (GDT_ENTRY_PNPBIOS_CS32 + 1) * 8)
        .selector("PNP_DS", (GDT_ENTRY_PNPBIOS_CS32 + 2) * 8)
        .selector("PNP_TS1", (GDT_ENTRY_PNPBIOS_CS32 + 3) * 8)
        .selector("PNP_TS2", (GDT_ENTRY_PNPBIOS_CS32 + 4) * 8)
        // start_thread() (arch/x86/kernel/process_32.c): gs 0, fs 0, ds = es = ss = __USER_DS.
        .user(userCs, userDs, userDs, userDs, 0, 0)
        // entry_32.S SAVE_ALL: ds = es = __USER_DS, fs = __KERNEL_PERCPU; gs is left as the user's.
        .kernel(kernelCs, kernelDs, userDs, userDs, percpu, -1);
    for (int i : new int[] {1, 2, 3, 9, 10, 11}) {
      b.entry(i, "reserved", 0);
    }
    for (int i : new int[] {4, 5, 28, 29, 30}) {
      b.entry(i, "unused", 0);
    }
    return b.build();
  }
}
