package io.vmlab.api.arch;

import io.vmlab.api.KernelVersion;
import java.util.Optional;

/**
 * The address-space constants of one kind of process an architecture runs: a native process, or
 * on x86-64 also an IA-32 (compat) process. Values are those of Linux's
 * arch/x86/include/asm/{page_32_types,page_64_types,processor,elf}.h.
 */
public interface ProcessAbi {
  /** The process arch as uname reports it: {@code x86_64} or {@code i386}. */
  String name();

  /** Whether this is a compat process (an IA-32 program on a 64-bit kernel). */
  boolean compat();

  /** sizeof(void *) of the process: 4 or 8. */
  int wordBytes();

  /** ELF class the ABI executes: 1 (ELFCLASS32) or 2 (ELFCLASS64). */
  int elfClass();

  /** ELF e_machine the ABI executes: 3 (EM_386) or 62 (EM_X86_64). */
  int elfMachine();

  /** TASK_SIZE: the end of the user address space for this process. */
  long taskSize();

  /**
   * DEFAULT_MAP_WINDOW: the top of the area the top-down allocator searches without a high hint
   * (47 bits on x86-64 even with LA57; TASK_SIZE on 32-bit).
   */
  long mapWindow();

  /** STACK_TOP. */
  long stackTop();

  /** TASK_UNMAPPED_BASE = PAGE_ALIGN(task size / 3): the legacy (bottom-up) mmap base. */
  long taskUnmappedBase();

  /** ELF_ET_DYN_BASE: where a PIE is loaded (before page alignment and randomization). */
  long elfEtDynBase();

  /** The non-PIE text base the GNU toolchain links at (0x08048000, 0x400000). */
  long textBase();

  /** mmap_rnd_bits (or mmap_rnd_compat_bits) default. */
  int mmapRndBits();

  /** STACK_RND_MASK in pages. */
  long stackRndMask();

  /** Range of brk randomization (arch_randomize_brk) on a given kernel. */
  long brkRandomRange(KernelVersion kernel);

  /** AT_PLATFORM string ({@code x86_64}, {@code i686}). */
  String platform();

  /** Start of MAP_32BIT's window, or 0 if the ABI ignores MAP_32BIT. */
  long map32BitStart();

  /** End of MAP_32BIT's window (exclusive), or 0. */
  long map32BitEnd();

  /** Whether a binary without PT_GNU_STACK gets READ_IMPLIES_EXEC (elf_read_implies_exec). */
  boolean readImpliesExecWithoutGnuStack();

  /** The vdso image mapped into this ABI's processes on a kernel version. */
  VdsoImage vdso(KernelVersion kernel);

  /**
   * How this ABI's logical addresses become linear ones (x86 segmentation: the GDT, Linux's
   * selectors, long mode or not). Empty by default: an architecture without segmentation, or a
   * plugin written before this method existed.
   */
  default Optional<Segmentation> segmentation() {
    return Optional.empty();
  }
}
