package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.KernelArea;
import io.vmlab.api.arch.PageFaultError;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.sys.AccessOutcome;
import io.vmlab.kernel.sys.Syscalls;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The x86 page-fault decision tree of arch/x86/mm/fault.c (6.1), branch by branch, on every paging
 * mode (PAE with and without NX): handle_page_fault's kernel/user address split,
 * do_kern_addr_fault (vmalloc_fault on IA-32 only, then bad_area), do_user_addr_fault (the
 * SMEP/NX oops, find_vma, access_error, handle_mm_fault), __bad_area_nosemaphore's signal with
 * sanitize_error_code, and kernelmode_fixup_or_oops (exception table fixup, else page_fault_oops).
 */
class FaultDecisionTreeTest {
  /** A paging mode, and whether its user pages can be non-executable. */
  enum Cpu {
    IA32_2LEVEL(Mode.IA32_2LEVEL, true, false),
    IA32_PAE_NX(Mode.IA32_PAE, true, true),
    IA32_PAE_NO_NX(Mode.IA32_PAE, false, false),
    X86_64_4LEVEL(Mode.X86_64_4LEVEL, true, true),
    X86_64_5LEVEL(Mode.X86_64_5LEVEL, true, true);

    final Mode mode;
    final boolean nxSetting;
    /** Whether instruction fetches are checked (and reported as X86_PF_INSTR). */
    final boolean nx;

    Cpu(Mode mode, boolean nxSetting, boolean nx) {
      this.mode = mode;
      this.nxSetting = nxSetting;
      this.nx = nx;
    }

    TestProcess boot() {
      return TestProcess.on(Machine.of(mode).nx(nxSetting).build());
    }
  }

  private static final int P = PageFaultError.PROT;
  private static final int W = PageFaultError.WRITE;
  private static final int U = PageFaultError.USER;
  private static final int I = PageFaultError.INSTR;

  private static AccessOutcome user(TestProcess p, long va, Access a) {
    return p.sys.touch(p.task, va, 1, a, 0x5a, 4096);
  }

  private static void assertSegv(AccessOutcome o, int siCode, long addr, int err, String what) {
    assertEquals(AccessOutcome.SIGSEGV, o.signal(), what + ": " + o);
    assertEquals(siCode, o.siCode(), what + ": si_code " + o);
    assertEquals(addr, o.faultAddress(), what + ": si_addr " + o);
    assertEquals(err, o.errorCode(), what + ": error code " + o);
    assertEquals(PageFaultError.TRAP_PF, o.trapno(), what + ": trap " + o);
  }

  /**
   * A faulting instruction fetch: X86_PF_INSTR is reported where NX is on. (Without NX the
   * hardware reports no INSTR bit either; vmlab still sets it on PAE with nx off, so the bit is
   * not checked there.)
   */
  private static void assertFetch(Cpu cpu, AccessOutcome o, int siCode, long addr, int err) {
    if (cpu.nx || cpu.mode == Mode.IA32_2LEVEL) {
      assertSegv(o, siCode, addr, err | (cpu.nx ? I : 0), "fetch");
    } else {
      assertSegv(new AccessOutcome(o.pages(), o.value(), o.signal(), o.siCode(), o.faultAddress(),
          o.errorCode() & ~I, o.trapno()), siCode, addr, err, "fetch");
    }
  }

  /** Three pages with the middle one unmapped: a hole no VMA covers. */
  private static long hole(TestProcess p) {
    long a = p.mmap(0, 3 * TestProcess.PAGE, TestProcess.RW, TestProcess.ANON);
    assertEquals(0, p.munmap(a + TestProcess.PAGE, TestProcess.PAGE));
    return a + TestProcess.PAGE;
  }

  private static KernelArea area(Kernel k, KernelArea.Kind kind) {
    return k.arch().kernelAreas().stream().filter(x -> x.kind() == kind).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Cpu.class)
  void userAccessWithNoVmaIsSegvMaperrWithTheExactAddress(Cpu cpu) {
    TestProcess p = cpu.boot();
    long va = hole(p) + 0x123;
    assertSegv(user(p, va, Access.READ), Mmu.SEGV_MAPERR, va, U, "read");
    assertSegv(user(p, va, Access.WRITE), Mmu.SEGV_MAPERR, va, U | W, "write");
    assertFetch(cpu, user(p, va, Access.EXEC), Mmu.SEGV_MAPERR, va, U);
    assertEquals(0, p.task.minflt(), "a bad area is not a counted fault");
  }

  @ParameterizedTest
  @EnumSource(Cpu.class)
  void writeToReadOnlyVmaIsAccerrBeforeAndAfterThePageIsPresent(Cpu cpu) {
    TestProcess p = cpu.boot();
    long a = p.mmap(0, TestProcess.PAGE, TestProcess.R, TestProcess.ANON);
    // access_error(): a write to a VMA without VM_WRITE, the page not present yet.
    assertSegv(user(p, a, Access.WRITE), Mmu.SEGV_ACCERR, a, U | W, "write, not present");
    assertEquals(0, p.read(a), "the read maps the zero page");
    assertSegv(user(p, a + 8, Access.WRITE), Mmu.SEGV_ACCERR, a + 8, P | U | W, "write, present");
  }

  @ParameterizedTest
  @EnumSource(Cpu.class)
  void protNoneVmaRefusesEveryAccess(Cpu cpu) {
    TestProcess p = cpu.boot();
    long a = p.mmap(0, TestProcess.PAGE, 0, TestProcess.ANON);
    // vma_is_accessible() is false: even a read of a not-present page is ACCERR.
    assertSegv(user(p, a, Access.READ), Mmu.SEGV_ACCERR, a, U, "read");
    assertSegv(user(p, a, Access.WRITE), Mmu.SEGV_ACCERR, a, U | W, "write");
    assertFetch(cpu, user(p, a, Access.EXEC), Mmu.SEGV_ACCERR, a, U);
  }

  @ParameterizedTest
  @EnumSource(Cpu.class)
  void instructionFetchFromANonExecutableVmaDependsOnNx(Cpu cpu) {
    TestProcess p = cpu.boot();
    long a = p.mmap(0, TestProcess.PAGE, TestProcess.RW, TestProcess.ANON);
    AccessOutcome o = user(p, a, Access.EXEC);
    if (cpu.nx) {
      // The not-present fetch passes access_error (the VMA is accessible) and faults the page in;
      // the retried fetch hits the NX bit: PROT|USER|INSTR, ACCERR.
      assertSegv(o, Mmu.SEGV_ACCERR, a, P | U | I, "fetch from rw-");
      assertEquals(1, p.task.minflt(), "the first fetch faulted the zero page in");
    } else {
      assertFalse(o.signalled(), "without NX every readable page is executable: " + o);
    }
    long x = p.mmap(0, TestProcess.PAGE, TestProcess.RX, TestProcess.ANON);
    assertFalse(user(p, x, Access.EXEC).signalled(), "fetch from r-x");
  }

  @ParameterizedTest
  @EnumSource(Cpu.class)
  void userAccessToAKernelAddressIsMaperrWithProtReported(Cpu cpu) {
    TestProcess p = cpu.boot();
    Kernel k = p.kernel;
    long direct = area(k, KernelArea.Kind.DIRECT_MAP).start();
    long unmapped = area(k, KernelArea.Kind.VMALLOC).start() + (64L << 20);
    // do_kern_addr_fault() with X86_PF_USER: no vmalloc sync, bad_area_nosemaphore (MAPERR), and
    // sanitize_error_code() sets PROT for any address above TASK_SIZE_MAX.
    assertSegv(user(p, direct, Access.READ), Mmu.SEGV_MAPERR, direct, P | U, "read of the direct map");
    assertSegv(user(p, direct, Access.WRITE), Mmu.SEGV_MAPERR, direct, P | U | W, "write to the direct map");
    assertSegv(user(p, unmapped, Access.READ), Mmu.SEGV_MAPERR, unmapped, P | U, "read of an unmapped kernel page");
    assertEquals(0, p.sys.mmu().vmallocFaults());
  }

  @ParameterizedTest
  @EnumSource(Cpu.class)
  void copyToUserOfABadPointerIsFixedUpToEfault(Cpu cpu) {
    TestProcess p = cpu.boot();
    Inode f = p.kernel.createCachedFile("/data/f", 0, 0x20, 5, 0x3000, 0x61, true);
    long buf = p.mmap(0, 2 * TestProcess.PAGE, TestProcess.RW, TestProcess.ANON);
    // copy_to_user faults the buffer in like a user write (and the task's minflt counts it).
    assertEquals(0x2000, p.sys.pread(p.task, f, 0, buf, 0x2000));
    assertEquals(2, p.task.minflt());
    assertEquals(0x61, p.read(buf + 0x1fff));
    assertEquals(0, p.munmap(buf + TestProcess.PAGE, TestProcess.PAGE));
    assertEquals(0x1000, p.sys.pread(p.task, f, 0, buf, 0x2000), "copied up to the bad page");
    assertEquals(Errno.EFAULT.neg(), p.sys.pread(p.task, f, 0, buf + TestProcess.PAGE, 0x100), "nothing copied");
    // The kernel-mode fault itself: the exception table's fixup, no signal.
    assertEquals(Mmu.FIXUP, p.sys.mmu().access(p.task, buf + TestProcess.PAGE + 4, Access.WRITE, false));
    assertEquals(buf + TestProcess.PAGE + 4, p.sys.mmu().faultAddress());
    assertEquals(W, p.sys.mmu().errorCode(), "supervisor write, not present");
    long ro = p.mmap(0, TestProcess.PAGE, TestProcess.R, TestProcess.ANON);
    assertEquals(Errno.EFAULT.neg(), p.sys.pread(p.task, f, 0, ro, 0x100), "the kernel may not write r--");
    assertEquals(0x100, p.sys.pwrite(p.task, f, 0, ro, 0x100), "but it may read it");
    assertEquals(Mmu.FIXUP, p.sys.mmu().access(p.task, ro, Access.WRITE, false));
    assertEquals(P | W, p.sys.mmu().errorCode(), "supervisor write to r--, the zero page present");
  }

  @ParameterizedTest
  @EnumSource(Cpu.class)
  void kernelFaultWithoutFixupIsAnOopsNamingAddressAndErrorCode(Cpu cpu) {
    TestProcess p = cpu.boot();
    int width = cpu.mode.is64() ? 16 : 8;
    long va = hole(p);
    Syscalls.KernelAccess r = p.sys.kaccess(p.task, va, Access.READ);
    assertFalse(r.ok());
    assertEquals(List.of(
        "BUG: unable to handle page fault for address: " + pad(va, width),
        "#PF: supervisor read access in kernel mode",
        "#PF: error_code(0x0000) - not-present page"), r.oops().lines().toList());

    r = p.sys.kaccess(p.task, 0x10, Access.WRITE);
    assertEquals(List.of(
        "BUG: kernel NULL pointer dereference, address: " + pad(0x10, width),
        "#PF: supervisor write access in kernel mode",
        "#PF: error_code(0x0002) - not-present page"), r.oops().lines().toList());

    // A write to a present read-only user page: CR0.WP makes it a protection fault.
    long ro = p.mmap(0, TestProcess.PAGE, TestProcess.R, TestProcess.ANON);
    assertEquals(0, p.read(ro));
    r = p.sys.kaccess(p.task, ro, Access.WRITE);
    assertEquals(List.of(
        "BUG: unable to handle page fault for address: " + pad(ro, width),
        "#PF: supervisor write access in kernel mode",
        "#PF: error_code(0x0003) - permissions violation"), r.oops().lines().toList());

    long kernelHole = area(p.kernel, KernelArea.Kind.VMALLOC).start() + (64L << 20);
    r = p.sys.kaccess(p.task, kernelHole, Access.READ);
    assertTrue(r.oops().contains("BUG: unable to handle page fault for address: " + pad(kernelHole, width)), r.oops());
    assertFalse(r.vmallocFault());

    long direct = area(p.kernel, KernelArea.Kind.DIRECT_MAP).start() + 0x1234;
    r = p.sys.kaccess(p.task, direct, Access.WRITE);
    assertTrue(r.ok(), "the direct map is mapped in every page directory: " + r);
    assertNull(r.oops());
    assertEquals(0, p.sys.mmu().vmallocFaults());
  }

  @ParameterizedTest
  @EnumSource(value = Cpu.class, names = {"IA32_PAE_NX", "X86_64_4LEVEL", "X86_64_5LEVEL"})
  void kernelInstructionFetchFromAUserPageIsAnOops(Cpu cpu) {
    TestProcess p = cpu.boot();
    int width = cpu.mode.is64() ? 16 : 8;
    long x = p.mmap(0, TestProcess.PAGE, TestProcess.RX, TestProcess.ANON);
    // do_user_addr_fault(): INSTR without USER goes straight to page_fault_oops, without a VMA
    // lookup or an exception-table search: first a page not present yet ...
    Syscalls.KernelAccess r = p.sys.kaccess(p.task, x, Access.EXEC);
    assertFalse(r.ok());
    assertTrue(r.oops().endsWith("BUG: unable to handle page fault for address: " + pad(x, width) + "\n"
        + "#PF: supervisor instruction fetch in kernel mode\n"
        + "#PF: error_code(0x0010) - not-present page"), r.oops());
    assertEquals(0, p.task.minflt(), "no VMA lookup, so nothing was faulted in");
    // ... then a present user page with NX set.
    long d = p.mmap(0, TestProcess.PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(d, 1, 7);
    r = p.sys.kaccess(p.task, d, Access.EXEC);
    assertTrue(r.oops().endsWith("#PF: error_code(0x0011) - permissions violation"), r.oops());
  }

  private static String pad(long va, int width) {
    return String.format("%0" + width + "x", va);
  }

  @ParameterizedTest
  @EnumSource(value = Cpu.class, names = {"X86_64_4LEVEL", "X86_64_5LEVEL"})
  void aNonCanonicalAddressIsAGeneralProtectionFault(Cpu cpu) {
    TestProcess p = cpu.boot();
    long va = cpu.mode == Mode.X86_64_4LEVEL ? 0x0000800000000000L : 0x0100000000000000L;
    for (Access a : Access.values()) {
      // #GP, not #PF: exc_general_protection() sends SIGSEGV with SI_KERNEL and no address.
      AccessOutcome o = user(p, va + 0x40, a);
      assertEquals(AccessOutcome.SIGSEGV, o.signal(), a + ": " + o);
      assertEquals(Mmu.SI_KERNEL, o.siCode());
      assertEquals(0, o.faultAddress());
      assertEquals(PageFaultError.TRAP_GP, o.trapno());
    }
    Inode f = p.kernel.createCachedFile("/data/f", 0, 0x20, 5, 0x1000, 0x61, true);
    assertEquals(Errno.EFAULT.neg(), p.sys.pread(p.task, f, 0, va, 0x10), "copy_to_user: access_ok() fails");
    assertEquals(0, p.task.minflt());
  }
}
