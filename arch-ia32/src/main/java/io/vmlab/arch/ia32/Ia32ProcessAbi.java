package io.vmlab.arch.ia32;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.Segmentation;
import io.vmlab.api.arch.VdsoImage;
import java.util.Optional;

/**
 * A native i386 process (arch/x86/include/asm/page_32_types.h, elf.h): TASK_SIZE = STACK_TOP =
 * PAGE_OFFSET, PIE base 0x400000, 8 bits of mmap entropy, 8 MiB of stack entropy.
 */
final class Ia32ProcessAbi implements ProcessAbi {
  private final long taskSize;

  Ia32ProcessAbi(long taskSize) {
    this.taskSize = taskSize;
  }

  /** The vdso32 image: 4 [vvar] pages, 2 [vvar_vclock] pages from 6.13, 2 [vdso] pages. */
  static VdsoImage vdso32(KernelVersion kernel) {
    boolean vclock = kernel.atLeast(6, 13);
    return new VdsoImage(4, vclock ? 2 : 0, 2, vclock ? 0x5e0 : 0x550, false);
  }

  @Override
  public String name() {
    return "i386";
  }

  @Override
  public boolean compat() {
    return false;
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
    return taskSize;
  }

  @Override
  public long mapWindow() {
    return taskSize;
  }

  @Override
  public long stackTop() {
    return taskSize;
  }

  @Override
  public long taskUnmappedBase() {
    return (taskSize / 3 + 0xfff) & ~0xfffL;
  }

  @Override
  public long elfEtDynBase() {
    return 0x400000L;
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

  @Override
  public VdsoImage vdso(KernelVersion kernel) {
    return vdso32(kernel);
  }

  /** The i386 GDT and selectors (__USER_CS 0x73, __USER_DS 0x7b). */
  @Override
  public Optional<Segmentation> segmentation() {
    return Optional.of(Ia32Segmentation.linux());
  }
}
