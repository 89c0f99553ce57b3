package io.vmlab.arch.x86_64;

import io.vmlab.api.arch.Segmentation;
import io.vmlab.api.arch.x86.Ia32UserAbi;
import java.util.Optional;

/**
 * An IA-32 process on the 64-bit kernel (TIF_ADDR32): TASK_SIZE = IA32_PAGE_OFFSET = 0xFFFFE000,
 * COMPAT_ELF_ET_DYN_BASE = TASK_UNMAPPED_BASE + 16 MiB, mmap_rnd_compat_bits 8.
 */
final class CompatAbi extends Ia32UserAbi {
  /** IA32_PAGE_OFFSET. */
  static final long TASK_SIZE = 0xFFFFE000L;

  @Override
  public boolean compat() {
    return true;
  }

  @Override
  public long taskSize() {
    return TASK_SIZE;
  }

  /** fs/compat_binfmt_elf.c: COMPAT_ELF_ET_DYN_BASE = TASK_UNMAPPED_BASE + 0x1000000. */
  @Override
  public long elfEtDynBase() {
    return taskUnmappedBase() + 0x1000000L;
  }

  /** Compatibility mode: 32-bit segmentation with __USER32_CS 0x23 and __USER_DS 0x2b. */
  @Override
  public Optional<Segmentation> segmentation() {
    return Optional.of(X8664Segmentation.compat());
  }
}
