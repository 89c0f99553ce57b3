package io.vmlab.kernel.pgtable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.PageFaultError;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.memory.Mmu;
import io.vmlab.kernel.sys.AccessOutcome;
import io.vmlab.kernel.sys.Syscalls;
import org.junit.jupiter.api.Test;

/**
 * A non-canonical x86-64 address raises #GP before any page-table walk: SIGSEGV with si_code
 * SI_KERNEL (0x80), trap number 0xd and si_addr 0 (arch/x86/kernel/traps.c), not a page fault.
 */
class NonCanonicalAddressTest {
  private static AccessOutcome touch(Mode mode, long va, Access access) {
    Kernel k = TestKernels.kernel(mode);
    Task t = TestKernels.process(k);
    return new Syscalls(k).touch(t, va, 1, access, 0, 4096);
  }

  private static void assertGeneralProtection(AccessOutcome o) {
    assertEquals(AccessOutcome.SIGSEGV, o.signal());
    assertEquals(Mmu.SI_KERNEL, o.siCode());
    assertEquals(0x80, o.siCode());
    assertEquals(PageFaultError.TRAP_GP, o.trapno());
    assertEquals(0xd, o.trapno());
    assertEquals(0, o.faultAddress());
  }

  @Test
  void firstAddressAbove47BitsIsAGeneralProtectionFaultOn4Level() {
    assertGeneralProtection(touch(Mode.X86_64_4LEVEL, 0x0000800000000000L, Access.READ));
    assertGeneralProtection(touch(Mode.X86_64_4LEVEL, 0x0000800000000000L, Access.WRITE));
    assertGeneralProtection(touch(Mode.X86_64_4LEVEL, 0x00ff000000000000L, Access.EXEC));
    assertGeneralProtection(touch(Mode.X86_64_4LEVEL, 0xffff7fffffffffffL, Access.READ));
  }

  @Test
  void sameAddressIsAnOrdinaryPageFaultWithLa57() {
    AccessOutcome o = touch(Mode.X86_64_5LEVEL, 0x0000800000000000L, Access.READ);
    assertEquals(AccessOutcome.SIGSEGV, o.signal());
    assertEquals(Mmu.SEGV_MAPERR, o.siCode());
    assertEquals(PageFaultError.TRAP_PF, o.trapno());
    assertEquals(0x0000800000000000L, o.faultAddress());
    assertEquals(PageFaultError.USER, o.errorCode(), "user read of a not-present page");
  }

  @Test
  void firstAddressAbove56BitsIsAGeneralProtectionFaultOnLa57() {
    assertGeneralProtection(touch(Mode.X86_64_5LEVEL, 0x0100000000000000L, Access.READ));
    assertGeneralProtection(touch(Mode.X86_64_5LEVEL, 0xfeffffffffffffffL, Access.WRITE));
  }

  @Test
  void canonicalKernelAddressIsAPageFaultWithItsAddress() {
    AccessOutcome o = touch(Mode.X86_64_4LEVEL, 0xffff888000000000L, Access.READ);
    assertEquals(AccessOutcome.SIGSEGV, o.signal());
    assertEquals(PageFaultError.TRAP_PF, o.trapno());
    assertEquals(0xffff888000000000L, o.faultAddress());
  }

  @Test
  void ia32HasNoNonCanonicalAddresses() {
    AccessOutcome o = touch(Mode.IA32_PAE, 0xc0000000L, Access.READ);
    assertEquals(PageFaultError.TRAP_PF, o.trapno());
    assertEquals(0xc0000000L, o.faultAddress());
  }
}
