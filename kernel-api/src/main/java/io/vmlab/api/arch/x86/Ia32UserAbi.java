package io.vmlab.api.arch.x86;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.VdsoImage;

/**
 * What an IA-32 process sees whether its kernel is i386 or x86_64 (arch/x86/include/asm/elf.h,
 * processor.h): 4-byte words, ELFCLASS32/EM_386, text at 0x08048000, "i686", 8 bits of mmap
 * entropy, 8 MiB of stack entropy, READ_IMPLIES_EXEC without PT_GNU_STACK, the vdso32 image.
 * Subclasses give TASK_SIZE and where PIEs go.
 */
public abstract class Ia32UserAbi implements ProcessAbi {
  /** The vdso32 image: 4 [vvar] pages, 2 [vvar_vclock] pages from 6.13, 2 [vdso] pages. */
  public static VdsoImage vdso32(KernelVersion kernel) {
    boolean vclock = kernel.atLeast(6, 13);
    return new VdsoImage(4, vclock ? 2 : 0, 2, vclock ? 0x5e0 : 0x550, false);
  }

  @Override
  public String name() {
    return "i386";
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
  public long mapWindow() {
    return taskSize();
  }

  @Override
  public long stackTop() {
    return taskSize();
  }

  /** TASK_UNMAPPED_BASE = PAGE_ALIGN(TASK_SIZE / 3). */
  @Override
  public long taskUnmappedBase() {
    return (taskSize() / 3 + 0xfff) & ~0xfffL;
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
}
