package io.vmlab.arch.x86_64;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.Segmentation;
import io.vmlab.api.arch.VdsoImage;
import java.util.Optional;

/**
 * A 64-bit process (arch/x86/include/asm/page_64_types.h, elf.h, processor.h). TASK_SIZE is
 * TASK_SIZE_MAX (47 or 56 bits), but the default map window stays 47 bits even with LA57.
 */
final class NativeAbi implements ProcessAbi {
  /** DEFAULT_MAP_WINDOW = (1 << 47) - PAGE_SIZE. */
  static final long MAP_WINDOW = (1L << 47) - 4096;

  private final long taskSize;

  NativeAbi(long taskSize) {
    this.taskSize = taskSize;
  }

  @Override
  public String name() {
    return "x86_64";
  }

  @Override
  public boolean compat() {
    return false;
  }

  @Override
  public int wordBytes() {
    return 8;
  }

  @Override
  public int elfClass() {
    return 2;
  }

  @Override
  public int elfMachine() {
    return 62;
  }

  @Override
  public long taskSize() {
    return taskSize;
  }

  @Override
  public long mapWindow() {
    return MAP_WINDOW;
  }

  @Override
  public long stackTop() {
    return MAP_WINDOW;
  }

  /** __TASK_UNMAPPED_BASE(task_size_64bit(0)) = PAGE_ALIGN(DEFAULT_MAP_WINDOW / 3). */
  @Override
  public long taskUnmappedBase() {
    return (MAP_WINDOW / 3 + 0xfff) & ~0xfffL;
  }

  /** ELF_ET_DYN_BASE = DEFAULT_MAP_WINDOW / 3 * 2. */
  @Override
  public long elfEtDynBase() {
    return MAP_WINDOW / 3 * 2;
  }

  @Override
  public long textBase() {
    return 0x400000L;
  }

  @Override
  public int mmapRndBits() {
    return 28;
  }

  @Override
  public long stackRndMask() {
    return 0x3fffff;
  }

  /** 32 MiB until "x86: Increase brk randomness entropy for 64-bit systems" (6.9), then 1 GiB. */
  @Override
  public long brkRandomRange(KernelVersion kernel) {
    return kernel.atLeast(6, 9) ? 1L << 30 : 0x02000000L;
  }

  @Override
  public String platform() {
    return "x86_64";
  }

  @Override
  public long map32BitStart() {
    return 0x40000000L;
  }

  @Override
  public long map32BitEnd() {
    return 0x80000000L;
  }

  @Override
  public boolean readImpliesExecWithoutGnuStack() {
    return false;
  }

  /**
   * vdso64: 4 [vvar] pages, 2 [vdso] pages. 6.1 hints it just above the stack (vdso_addr); by
   * 6.18 it goes into the mmap area behind a 2-page [vvar_vclock]. vmlab switches both at 6.13,
   * where [vvar_vclock] appeared.
   */
  @Override
  public VdsoImage vdso(KernelVersion kernel) {
    boolean newLayout = kernel.atLeast(6, 13);
    return new VdsoImage(4, newLayout ? 2 : 0, 2, -1, !newLayout);
  }

  /** Long mode with __USER_CS 0x33 (L=1) and __USER_DS 0x2b; FS/GS bases from arch_prctl. */
  @Override
  public Optional<Segmentation> segmentation() {
    return Optional.of(X8664Segmentation.nativeAbi());
  }
}
