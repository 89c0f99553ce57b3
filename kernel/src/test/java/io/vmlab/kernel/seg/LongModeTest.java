package io.vmlab.kernel.seg;

import static io.vmlab.kernel.seg.Faults.assertFault;
import static io.vmlab.kernel.seg.Faults.assertNoFault;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.SegmentRegister;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 64-bit mode: CS, DS, ES and SS bases and limits are ignored, FS and GS bases come from
 * arch_prctl (MSR_FS_BASE, MSR_GS_BASE), and the linear address must be canonical (#GP(0), or
 * #SS(0) through SS).
 */
class LongModeTest {
  private static final SegmentRegister DS = SegmentRegister.DS;
  private static final SegmentRegister FS = SegmentRegister.FS;
  private static final SegmentRegister GS = SegmentRegister.GS;

  @Test
  void nullDsIsUsableAndBasesAndLimitsAreIgnored() {
    SegmentContext c = Processes.native64();
    assertEquals(0, c.selector(DS), "start_thread leaves ds = 0");
    assertNoFault(SegmentationUnit.checkAccess(c, DS, 0x401000, 8, Access.WRITE, null));
    assertEquals(0x401000L, SegmentationUnit.linear(c, DS, 0x401000));
    // An LDT data segment with base 0x10000 and a 4 KiB limit: neither applies to ds in 64-bit mode.
    assertEquals(0, c.modifyLdt(new UserDesc(0, 0x10000, 0xfff, true, 0, true, false, false, false, false), false));
    assertNoFault(SegmentationUnit.load(c, DS, 0x7, null));
    assertNoFault(SegmentationUnit.checkAccess(c, DS, 0x7fffffffe000L, 8, Access.WRITE, null));
    assertEquals(0x7fffffffe000L, SegmentationUnit.linear(c, DS, 0x7fffffffe000L));
    // The load checks still apply in 64-bit mode.
    assertFault(SegmentationUnit.load(c, DS, 0x18, null), SegmentException.GP, 0x18, FaultReason.PRIVILEGE);
    assertFault(SegmentationUnit.load(c, DS, 0x83, null), SegmentException.GP, 0x80, FaultReason.BEYOND_TABLE_LIMIT);
  }

  @Test
  void archPrctlSetsFsAndGsBases() {
    SegmentContext c = Processes.native64();
    assertEquals(0, c.archPrctl(SegmentContext.ARCH_SET_FS, 0x7ffff7d8a740L));
    assertEquals(0, c.archPrctl(SegmentContext.ARCH_SET_GS, 0x555555559000L));
    assertEquals(0, c.selector(FS), "ARCH_SET_FS loads a null selector");
    assertNoFault(SegmentationUnit.checkAccess(c, FS, 0x28, 8, Access.READ, null));
    assertEquals(0x7ffff7d8a768L, SegmentationUnit.linear(c, FS, 0x28));
    assertEquals(0x555555559010L, SegmentationUnit.linear(c, GS, 0x10));
    // TASK_SIZE_MAX (1 << 47) - 4096 on 4-level paging.
    assertEquals(-1, c.archPrctl(SegmentContext.ARCH_SET_FS, 0x7ffffffff000L));
    assertEquals(0, c.archPrctl(SegmentContext.ARCH_SET_FS, 0x7fffffffe000L));
    assertEquals(-22, c.archPrctl(0x1003 + 0x100, 0));
    assertEquals(-22, Processes.compat().archPrctl(SegmentContext.ARCH_SET_FS, 0x1000), "compat: common codes only");
    assertEquals(-22, Processes.i386().archPrctl(SegmentContext.ARCH_SET_FS, 0x1000), "i386: common codes only");
  }

  @Test
  void loadingFsWithASelectorTakesTheDescriptorBase() {
    SegmentContext c = Processes.native64();
    assertEquals(12, c.setThreadArea(new UserDesc(-1, 0x12345000L, 0xfffff, true, 0, false, true, false, false,
        false)));
    assertNoFault(SegmentationUnit.load(c, FS, 0x63, null));
    assertEquals(0x12345010L, SegmentationUnit.linear(c, FS, 0x10));
    assertNoFault(SegmentationUnit.load(c, FS, 0, null));
    assertEquals(0x10L, SegmentationUnit.linear(c, FS, 0x10), "a null selector clears the base (Intel)");
  }

  @Test
  void nonCanonicalLinearAddressesAreGpOrSsNotPageFaults() {
    SegmentContext c = Processes.native64();
    assertFault(SegmentationUnit.checkAccess(c, DS, 0x800000000000L, 1, Access.READ, null), SegmentException.GP, 0,
        FaultReason.NON_CANONICAL);
    assertFault(SegmentationUnit.checkAccess(c, SegmentRegister.SS, 0x800000000000L, 8, Access.WRITE, null),
        SegmentException.SS, 0, FaultReason.NON_CANONICAL);
    assertFault(SegmentationUnit.checkAccess(c, SegmentRegister.CS, 0x800000000000L, 1, Access.EXEC, null),
        SegmentException.GP, 0, FaultReason.NON_CANONICAL);
    // The last byte crosses into the hole.
    assertFault(SegmentationUnit.checkAccess(c, DS, 0x7ffffffffffcL, 8, Access.READ, null), SegmentException.GP, 0,
        FaultReason.NON_CANONICAL);
    // An FS base plus offset that leaves the canonical range.
    assertEquals(0, c.archPrctl(SegmentContext.ARCH_SET_FS, 0x7fffffffe000L));
    assertFault(SegmentationUnit.checkAccess(c, FS, 0x2000, 1, Access.READ, null), SegmentException.GP, 0,
        FaultReason.NON_CANONICAL);
    // Kernel addresses are canonical: segmentation passes, paging decides.
    assertNoFault(SegmentationUnit.checkAccess(c, DS, 0xffff888000000000L, 8, Access.READ, null));
    // With 5-level paging 0x800000000000 is canonical.
    SegmentContext la57 = Processes.start(Processes.x86_64("5level"), "x86_64");
    assertNoFault(SegmentationUnit.checkAccess(la57, DS, 0x800000000000L, 1, Access.READ, null));
    assertFault(SegmentationUnit.checkAccess(la57, DS, 0x0100000000000000L, 1, Access.READ, null),
        SegmentException.GP, 0, FaultReason.NON_CANONICAL);
  }

  @Test
  void farJumpsSwitchBetweenCompatibilityAnd64BitMode() {
    SegmentContext c = Processes.compat();
    assertEquals(AddressingMode.COMPATIBILITY, c.mode());
    assertNoFault(SegmentationUnit.load(c, SegmentRegister.CS, 0x33, null));
    assertEquals(AddressingMode.LONG, c.mode());
    assertNoFault(SegmentationUnit.load(c, SegmentRegister.CS, 0x23, null));
    assertEquals(AddressingMode.COMPATIBILITY, c.mode());
    // A code segment with L=1 and D=1 is reserved in IA-32e mode.
    assertEquals(0, c.modifyLdt(new UserDesc(0, 0, 0xfffff, true, 2, false, true, false, false, true), false));
    assertNoFault(SegmentationUnit.load(c, SegmentRegister.CS, 0x7, null));
    assertEquals(AddressingMode.COMPATIBILITY, c.mode(), "fill_ldt() clears L even when lm is asked for");
  }

  @Test
  void nullSsIsAllowedOnlyInTheKernelIn64BitMode() {
    SegmentContext c = Processes.native64();
    assertFault(SegmentationUnit.load(c, SegmentRegister.SS, 0, null), SegmentException.GP, 0,
        FaultReason.NULL_SELECTOR_LOAD);
    c.enterKernel();
    assertNoFault(SegmentationUnit.load(c, SegmentRegister.SS, 0, null));
    assertFault(SegmentationUnit.load(c, SegmentRegister.SS, 3, null), SegmentException.GP, 0,
        FaultReason.NULL_SELECTOR_LOAD);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 1234, 0xdeadbeefL})
  void userAddressesPassThroughUnchanged(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SegmentContext c = Processes.native64();
    SegmentRegister[] regs = {SegmentRegister.CS, SegmentRegister.DS, SegmentRegister.ES, SegmentRegister.SS};
    for (int i = 0; i < 20_000; i++) {
      long offset = rnd.nextLong(0x7fffffffffffL - 64);
      SegmentRegister r = regs[rnd.nextInt(regs.length)];
      Access a = r == SegmentRegister.CS ? Access.EXEC : rnd.nextBoolean() ? Access.READ : Access.WRITE;
      int size = 1 << rnd.nextInt(4);
      int f = SegmentationUnit.checkAccess(c, r, offset, size, a, null);
      assertEquals(0, f, "seed " + seed + ": " + r + ":0x" + Long.toHexString(offset));
      assertEquals(offset, SegmentationUnit.linear(c, r, offset), "seed " + seed);
    }
  }
}
