package io.vmlab.arch.x86_64;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.Segmentation;
import io.vmlab.api.arch.VdsoImage;
import java.util.Optional;

/**
 * An IA-32 process on the 64-bit kernel (TIF_ADDR32): TASK_SIZE = IA32_PAGE_OFFSET = 0xFFFFE000,
 * COMPAT_ELF_ET_DYN_BASE = TASK_UNMAPPED_BASE + 16 MiB, mmap_rnd_compat_bits 8.
 */
final class CompatAbi implements ProcessAbi {
  /** IA32_PAGE_OFFSET. */
  static final long TASK_SIZE = 0xFFFFE000L;

  @Override
  public String name() {
    return "i386";
  }

  @Override
  public boolean compat() {
    return true;
  }

  @Override
  public int wordBytes() {
    return 4;
  }

  @Override
  public int elfClass() {
    return 1;
  }

  @Override
  public int elfMachine() {
    return 3;
  }

  @Override
  public long taskSize() {
    return TASK_SIZE;
  }

  @Override
  public long mapWindow() {
    return TASK_SIZE;
  }

  @Override
  public long stackTop() {
    return TASK_SIZE;
  }

  @Override
  public long taskUnmappedBase() {
    return (TASK_SIZE / 3 + 0xfff) & ~0xfffL;
  }

  /** fs/compat_binfmt_elf.c: COMPAT_ELF_ET_DYN_BASE = TASK_UNMAPPED_BASE + 0x1000000. */
  @Override
  public long elfEtDynBase() {
    return taskUnmappedBase() + 0x1000000L;
  }

  @Override
  public long textBase() {
    return 0x08048000L;
  }

  @Override
  public int mmapRndBits() {
    return 8;
  }

  @Override
  public long stackRndMask() {
    return 0x7ff;
  }

  @Override
  public long brkRandomRange(KernelVersion kernel) {
    return 0x02000000L;
  }

  @Override
  public String platform() {
    return "i686";
  }

  @Override
  public long map32BitStart() {
    return 0;
  }

  @Override
  public long map32BitEnd() {
    return 0;
  }

  @Override
  public boolean readImpliesExecWithoutGnuStack() {
    return true;
  }

  /** The vdso32 image, placed top-down in the mmap area. */
  @Override
  public VdsoImage vdso(KernelVersion kernel) {
    boolean vclock = kernel.atLeast(6, 13);
    return new VdsoImage(4, vclock ? 2 : 0, 2, vclock ? 0x5e0 : 0x550, false);
  }

  /** Compatibility mode: 32-bit segmentation with __USER32_CS 0x23 and __USER_DS 0x2b. */
  @Override
  public Optional<Segmentation> segmentation() {
    return Optional.of(X8664Segmentation.compat());
  }
}
