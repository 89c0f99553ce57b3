package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.PageFaultError;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.sys.AccessOutcome;
import io.vmlab.kernel.sys.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * vmalloc_fault() (arch/x86/mm/fault.c, X86_32 only): a page directory copies the kernel's
 * entries from init_mm when it is allocated (pgd_ctor), so an area vmalloc()ed later is missing
 * from it until a kernel-mode access syncs the entry from the reference table. PAE with a shared
 * kernel PMD (SHARED_KERNEL_PMD, no PTI) and x86-64 (the tables under the top level are
 * preallocated at boot) never take one.
 */
class VmallocFaultTest {
  private static final long MIB = 1L << 20;

  @Test
  void ia32TwoLevelSyncsTheMissingPgdEntryOnceAndCountsIt() {
    TestProcess p = TestProcess.on(Machine.of(Mode.IA32_2LEVEL).build());
    Syscalls.KernelAccess before = p.sys.kaccess(p.task, 0xc0001000L, Access.READ);
    assertTrue(before.ok() && !before.vmallocFault(), "the direct map is in every page directory");
    long v = p.sys.vmalloc(8 * MIB);
    assertTrue(v > 0xc0000000L, () -> "vmalloc: 0x" + Long.toHexString(v));

    Syscalls.KernelAccess first = p.sys.kaccess(p.task, v + 4 * MIB, Access.WRITE);
    assertTrue(first.ok(), () -> "synced, then the access completes: " + first);
    assertTrue(first.vmallocFault());
    assertEquals(1, p.sys.mmu().vmallocFaults());

    Syscalls.KernelAccess again = p.sys.kaccess(p.task, v + 4 * MIB + 0x10, Access.READ);
    assertTrue(again.ok());
    assertFalse(again.vmallocFault(), "the entry is in this page directory now");
    // The other 4 MiB PGD slot of the area is still missing: one more sync.
    assertTrue(p.sys.kaccess(p.task, v, Access.READ).vmallocFault());
    assertEquals(2, p.sys.mmu().vmallocFaults());
    assertEquals(0, p.task.minflt(), "vmalloc faults are not the task's page faults");
  }

  @Test
  void ia32ProcessCreatedAfterTheVmallocHasTheEntryAlready() {
    TestProcess old = TestProcess.on(Machine.of(Mode.IA32_2LEVEL).build());
    long v = old.sys.vmalloc(4 * MIB);
    TestProcess fresh = TestProcess.on(old.kernel);
    Syscalls.KernelAccess r = fresh.sys.kaccess(fresh.task, v, Access.READ);
    assertTrue(r.ok());
    assertFalse(r.vmallocFault(), "pgd_ctor() copied init_mm's kernel entries, the new area included");
    assertTrue(old.sys.kaccess(old.task, v, Access.READ).vmallocFault(), "the older directory still lacks it");
    TestProcess child = old.fork();
    assertFalse(child.sys.kaccess(child.task, v, Access.READ).vmallocFault(), "fork allocates a new directory");
  }

  @Test
  void ia32UserAccessToVmallocIsSegvAndSyncsNothing() {
    TestProcess p = TestProcess.on(Machine.of(Mode.IA32_2LEVEL).build());
    long v = p.sys.vmalloc(4 * MIB);
    AccessOutcome o = p.sys.touch(p.task, v, 1, Access.READ, 0, 4096);
    // X86_PF_USER rules out vmalloc_fault(); bad_area_nosemaphore with PROT sanitized in.
    assertEquals(AccessOutcome.SIGSEGV, o.signal());
    assertEquals(Mmu.SEGV_MAPERR, o.siCode());
    assertEquals(PageFaultError.USER | PageFaultError.PROT, o.errorCode());
    assertEquals(0, p.sys.mmu().vmallocFaults());
    assertTrue(p.sys.kaccess(p.task, v, Access.READ).vmallocFault(), "still missing for the kernel");
  }

  @Test
  void ia32AccessPastTheAllocationIsAnOopsEvenAfterTheSync() {
    TestProcess p = TestProcess.on(Machine.of(Mode.IA32_2LEVEL).build());
    long v = p.sys.vmalloc(64 * 1024);
    // vmalloc leaves a guard page after each area; nothing is mapped there in init_mm either.
    Syscalls.KernelAccess r = p.sys.kaccess(p.task, v + 64 * 1024, Access.READ);
    assertFalse(r.ok());
    assertTrue(r.oops().startsWith("BUG: unable to handle page fault for address: "
        + Long.toHexString(v + 64 * 1024)), r.oops());
    assertTrue(r.oops().endsWith("#PF: error_code(0x0000) - not-present page"), r.oops());
  }

  @Test
  void paeWithASharedKernelPmdNeedsNoSync() {
    TestProcess p = TestProcess.on(Machine.of(Mode.IA32_PAE).pti(false).build());
    long v = p.sys.vmalloc(8 * MIB);
    for (long off = 0; off < 8 * MIB; off += 2 * MIB) {
      Syscalls.KernelAccess r = p.sys.kaccess(p.task, v + off, Access.WRITE);
      assertTrue(r.ok(), r::toString);
      assertFalse(r.vmallocFault(), "every pgd points at init_mm's kernel PMD");
    }
    assertEquals(0, p.sys.mmu().vmallocFaults());
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"X86_64_4LEVEL", "X86_64_5LEVEL"})
  void x8664NeverTakesAVmallocFault(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    long v = p.sys.vmalloc(8 * MIB);
    for (long off = 0; off < 8 * MIB; off += MIB) {
      Syscalls.KernelAccess r = p.sys.kaccess(p.task, v + off, off % (2 * MIB) == 0 ? Access.READ : Access.WRITE);
      assertTrue(r.ok(), r::toString);
      assertFalse(r.vmallocFault());
    }
    TestProcess other = TestProcess.on(p.kernel);
    assertTrue(other.sys.kaccess(other.task, v, Access.READ).ok());
    assertEquals(0, p.sys.mmu().vmallocFaults());
  }
}
