package io.vmlab.arch.ia32;

import io.vmlab.api.arch.Segmentation;
import io.vmlab.api.arch.x86.Ia32UserAbi;
import java.util.Optional;

/**
 * A native i386 process (arch/x86/include/asm/page_32_types.h, elf.h): TASK_SIZE = STACK_TOP =
 * PAGE_OFFSET, PIE base 0x400000.
 */
final class Ia32ProcessAbi extends Ia32UserAbi {
  private final long taskSize;

  Ia32ProcessAbi(long taskSize) {
    this.taskSize = taskSize;
  }

  @Override
  public boolean compat() {
    return false;
  }

  @Override
  public long taskSize() {
    return taskSize;
  }

  /** ELF_ET_DYN_BASE when mmap_is_ia32(). */
  @Override
  public long elfEtDynBase() {
    return 0x400000L;
  }

  /** The i386 GDT and selectors (__USER_CS 0x73, __USER_DS 0x7b). */
  @Override
  public Optional<Segmentation> segmentation() {
    return Optional.of(Ia32Segmentation.linux());
  }
}
