package io.vmlab.kernel.seg;

import static io.vmlab.kernel.seg.Faults.assertFault;
import static io.vmlab.kernel.seg.Faults.assertNoFault;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.SegmentRegister;
import org.junit.jupiter.api.Test;

/**
 * Every protection check of 32-bit segmentation fires with the exception and error code the CPU
 * raises (Intel SDM vol. 2 MOV, LSS and JMP pseudocode; vol. 3A 5.3-5.8). Non-flat segments come
 * from modify_ldt, as a user would make them.
 */
class ProtectionChecksTest {
  private static final SegmentRegister CS = SegmentRegister.CS;
  private static final SegmentRegister DS = SegmentRegister.DS;
  private static final SegmentRegister SS = SegmentRegister.SS;

  private static int load(SegmentContext c, SegmentRegister r, int sel) {
    return SegmentationUnit.load(c, r, sel, null);
  }

  private static int access(SegmentContext c, SegmentRegister r, long offset, int size, Access a) {
    return SegmentationUnit.checkAccess(c, r, offset, size, a, null);
  }

  /** An i386 process with LDT entry {@code entry} as described; returns its selector (RPL 3). */
  private static int ldtSegment(SegmentContext c, UserDesc d) {
    assertEquals(0, c.modifyLdt(d, false));
    return Selector.of(d.entryNumber(), true, 3);
  }

  private static UserDesc desc(int entry, long base, int limit, int contents, boolean ro, boolean pages,
      boolean notPresent, boolean bits32) {
    return new UserDesc(entry, base, limit, bits32, contents, ro, pages, notPresent, false, false);
  }

  @Test
  void indexBeyondTheGdtLimitIsGpWithTheSelector() {
    SegmentContext c = Processes.i386();
    assertFault(load(c, DS, Selector.of(32, false, 3)), SegmentException.GP, 0x100, FaultReason.BEYOND_TABLE_LIMIT);
    // Entry 31 (the double-fault TSS) is inside the table: it fails the type check instead.
    assertFault(load(c, DS, Selector.of(31, false, 3)), SegmentException.GP, 0xf8,
        FaultReason.NOT_DATA_OR_READABLE_CODE);
    SegmentContext x = Processes.native64();
    assertFault(load(x, DS, 0x83), SegmentException.GP, 0x80, FaultReason.BEYOND_TABLE_LIMIT);
    assertFault(load(x, CS, 0x83), SegmentException.GP, 0x80, FaultReason.BEYOND_TABLE_LIMIT);
    assertFault(load(x, SS, 0x83), SegmentException.GP, 0x80, FaultReason.BEYOND_TABLE_LIMIT);
  }

  @Test
  void ldtSelectorsNeedAnLdtAndAnIndexWithinIt() {
    SegmentContext c = Processes.i386();
    assertFault(load(c, DS, 0x7), SegmentException.GP, 0x4, FaultReason.NO_LDT);
    int sel = ldtSegment(c, UserDesc.data(0, 0x10000, 0xfff));
    assertNoFault(load(c, DS, sel));
    assertFault(load(c, DS, 0xf), SegmentException.GP, 0xc, FaultReason.BEYOND_TABLE_LIMIT);
  }

  @Test
  void nullSelectorLoadsIntoDataRegistersButFaultsOnUse() {
    SegmentContext c = Processes.i386();
    for (int rpl = 0; rpl < 4; rpl++) {
      assertNoFault(load(c, DS, rpl));
      assertFault(access(c, DS, 0x1000, 4, Access.READ), SegmentException.GP, 0, FaultReason.NULL_SELECTOR_ACCESS);
    }
    // fs and gs hold 0 after exec on i386: an access through them is #GP(0).
    assertFault(access(c, SegmentRegister.FS, 0, 1, Access.READ), SegmentException.GP, 0,
        FaultReason.NULL_SELECTOR_ACCESS);
    assertFault(load(c, SS, 0), SegmentException.GP, 0, FaultReason.NULL_SELECTOR_LOAD);
    assertFault(load(c, CS, 3), SegmentException.GP, 0, FaultReason.NULL_SELECTOR_LOAD);
  }

  @Test
  void dataPrivilegeIsMaxOfCplAndRplAgainstDpl() {
    SegmentContext c = Processes.i386();
    assertFault(load(c, DS, 0x68), SegmentException.GP, 0x68, FaultReason.PRIVILEGE);
    assertFault(load(c, DS, 0x60), SegmentException.GP, 0x60, FaultReason.PRIVILEGE);
    assertNoFault(load(c, DS, 0x7b));
    assertNoFault(load(c, DS, 0x78));
    c.enterKernel();
    assertNoFault(load(c, DS, 0x68));
    assertNoFault(load(c, DS, 0x7b));
    // CPL 0 but RPL 3: max(0, 3) = 3 > DPL 0.
    assertFault(load(c, DS, 0x6b), SegmentException.GP, 0x68, FaultReason.PRIVILEGE);
  }

  @Test
  void nonConformingCodeNeedsCplEqualToDpl() {
    SegmentContext c = Processes.i386();
    assertFault(load(c, CS, 0x60), SegmentException.GP, 0x60, FaultReason.PRIVILEGE);
    assertNoFault(load(c, CS, 0x73));
    assertEquals(0x73, c.selector(CS));
    // A user code selector with RPL 0 loads at CPL 3, and CS.RPL becomes the CPL.
    assertNoFault(load(c, CS, 0x70));
    assertEquals(0x73, c.selector(CS));
    c.enterKernel();
    assertFault(load(c, CS, 0x73), SegmentException.GP, 0x70, FaultReason.PRIVILEGE);
    assertFault(load(c, CS, 0x63), SegmentException.GP, 0x60, FaultReason.PRIVILEGE);
    assertNoFault(load(c, CS, 0x60));
  }

  @Test
  void conformingCodeNeedsDplAtMostCpl() {
    SegmentContext c = Processes.i386();
    // modify_ldt refuses a present conforming segment; only a not-present one can be made.
    assertEquals(-22, c.modifyLdt(desc(0, 0, 0xfffff, 3, false, true, false, true), false));
    int sel = ldtSegment(c, desc(0, 0, 0xfffff, 3, false, true, true, true));
    assertFault(load(c, CS, sel), SegmentException.NP, 0x4, FaultReason.NOT_PRESENT);
    assertFault(load(c, DS, sel), SegmentException.NP, 0x4, FaultReason.NOT_PRESENT);
  }

  @Test
  void stackSegmentChecks() {
    SegmentContext c = Processes.i386();
    assertFault(load(c, SS, 0x68), SegmentException.GP, 0x68, FaultReason.RPL_NOT_CPL);
    assertFault(load(c, SS, 0x6b), SegmentException.GP, 0x68, FaultReason.PRIVILEGE);
    assertFault(load(c, SS, 0x73), SegmentException.GP, 0x70, FaultReason.NOT_WRITABLE_DATA);
    int ro = ldtSegment(c, desc(0, 0, 0xfffff, 0, true, true, false, true));
    assertFault(load(c, SS, ro), SegmentException.GP, 0x4, FaultReason.NOT_WRITABLE_DATA);
    int absent = ldtSegment(c, desc(1, 0, 0xfffff, 0, false, true, true, true));
    assertFault(load(c, SS, absent), SegmentException.SS, 0xc, FaultReason.NOT_PRESENT);
    assertNoFault(load(c, SS, 0x7b));
  }

  @Test
  void segmentTypes() {
    SegmentContext c = Processes.i386();
    // Executing a data segment: a far jump to __USER_DS.
    assertFault(load(c, CS, 0x7b), SegmentException.GP, 0x78, FaultReason.NOT_CODE);
    // A system segment (the TSS) cannot be loaded into ds.
    assertFault(load(c, DS, 0x80), SegmentException.GP, 0x80, FaultReason.NOT_DATA_OR_READABLE_CODE);
    // Writing through ds = __USER_CS (readable code): #GP(0).
    assertNoFault(load(c, DS, 0x73));
    assertNoFault(access(c, DS, 0x8048000, 4, Access.READ));
    assertFault(access(c, DS, 0x8048000, 4, Access.WRITE), SegmentException.GP, 0, FaultReason.WRITE_TO_CODE);
    // Writing to a read-only data segment.
    int ro = ldtSegment(c, desc(0, 0x10000, 0xfff, 0, true, false, false, true));
    assertNoFault(load(c, DS, ro));
    assertNoFault(access(c, DS, 0x10, 4, Access.READ));
    assertFault(access(c, DS, 0x10, 4, Access.WRITE), SegmentException.GP, 0, FaultReason.WRITE_TO_READ_ONLY);
    // An execute-only code segment: not loadable into ds, and reading through cs is #GP(0).
    int xo = ldtSegment(c, desc(1, 0, 0xfffff, 2, true, true, false, true));
    assertFault(load(c, DS, xo), SegmentException.GP, 0xc, FaultReason.NOT_DATA_OR_READABLE_CODE);
    assertNoFault(load(c, CS, xo));
    assertNoFault(access(c, CS, 0x8048000, 1, Access.EXEC));
    assertFault(access(c, CS, 0x8048000, 4, Access.READ), SegmentException.GP, 0, FaultReason.READ_EXECUTE_ONLY);
    assertFault(access(c, CS, 0x8048000, 4, Access.WRITE), SegmentException.GP, 0, FaultReason.WRITE_TO_CODE);
  }

  @Test
  void notPresentIsNpWithTheSelector() {
    SegmentContext c = Processes.i386();
    int sel = ldtSegment(c, desc(5, 0, 0xfff, 0, false, false, true, true));
    assertFault(load(c, DS, sel), SegmentException.NP, 0x2c, FaultReason.NOT_PRESENT);
    assertFault(load(c, SegmentRegister.GS, sel), SegmentException.NP, 0x2c, FaultReason.NOT_PRESENT);
    int code = ldtSegment(c, desc(6, 0, 0xfff, 2, false, false, true, true));
    assertFault(load(c, CS, code), SegmentException.NP, 0x34, FaultReason.NOT_PRESENT);
  }

  @Test
  void limitCheckCoversTheLastByte() {
    SegmentContext c = Processes.i386();
    int sel = ldtSegment(c, UserDesc.data(0, 0x10000, 0xfff));
    assertNoFault(load(c, DS, sel));
    assertNoFault(access(c, DS, 0xfff, 1, Access.WRITE));
    assertEquals(0x10fffL, SegmentationUnit.linear(c, DS, 0xfff));
    assertNoFault(access(c, DS, 0xffc, 4, Access.READ));
    assertFault(access(c, DS, 0xffe, 4, Access.READ), SegmentException.GP, 0, FaultReason.LIMIT);
    assertFault(access(c, DS, 0x1000, 1, Access.READ), SegmentException.GP, 0, FaultReason.LIMIT);
    // The same segment as the stack: #SS(0).
    assertNoFault(load(c, SS, sel));
    assertNoFault(access(c, SS, 0xff8, 8, Access.WRITE));
    assertFault(access(c, SS, 0xffc, 8, Access.WRITE), SegmentException.SS, 0, FaultReason.LIMIT);
    // G=1: limit 0 covers one page.
    int paged = ldtSegment(c, desc(1, 0x400000, 0, 0, false, true, false, true));
    assertNoFault(load(c, SegmentRegister.ES, paged));
    assertNoFault(access(c, SegmentRegister.ES, 0xfff, 1, Access.READ));
    assertFault(access(c, SegmentRegister.ES, 0x1000, 1, Access.READ), SegmentException.GP, 0, FaultReason.LIMIT);
    // Code: the fetch is checked against CS's limit.
    int code = ldtSegment(c, desc(2, 0x8048000, 0x1fff, 2, false, false, false, true));
    assertNoFault(load(c, CS, code));
    assertNoFault(access(c, CS, 0x1fff, 1, Access.EXEC));
    assertFault(access(c, CS, 0x2000, 1, Access.EXEC), SegmentException.GP, 0, FaultReason.LIMIT);
  }

  @Test
  void expandDownSegmentsAllowOnlyOffsetsAboveTheLimit() {
    SegmentContext c = Processes.i386();
    int down32 = ldtSegment(c, desc(0, 0, 0xfff, 1, false, false, false, true));
    assertNoFault(load(c, SS, down32));
    assertFault(access(c, SS, 0xfff, 1, Access.WRITE), SegmentException.SS, 0, FaultReason.LIMIT);
    assertFault(access(c, SS, 0xffe, 4, Access.WRITE), SegmentException.SS, 0, FaultReason.LIMIT);
    assertNoFault(access(c, SS, 0x1000, 4, Access.WRITE));
    assertNoFault(access(c, SS, 0xfffffffcL, 4, Access.WRITE));
    assertFault(access(c, SS, 0xfffffffeL, 4, Access.WRITE), SegmentException.SS, 0, FaultReason.LIMIT);
    // B=0: the upper bound is 0xffff.
    int down16 = ldtSegment(c, desc(1, 0, 0xfff, 1, false, false, false, false));
    assertNoFault(load(c, DS, down16));
    assertNoFault(access(c, DS, 0xfffe, 2, Access.READ));
    assertFault(access(c, DS, 0xffff, 2, Access.READ), SegmentException.GP, 0, FaultReason.LIMIT);
    assertFault(access(c, DS, 0x10000, 1, Access.READ), SegmentException.GP, 0, FaultReason.LIMIT);
  }

  @Test
  void compatibilityModeSegmentsLikeProtectedMode() {
    SegmentContext c = Processes.compat();
    // __CPUNODE_SEG: expand-down, read-only, limit 0 (CPU 0, node 0), DPL 3.
    assertNoFault(load(c, DS, 0x7b));
    assertFault(access(c, DS, 0, 1, Access.READ), SegmentException.GP, 0, FaultReason.LIMIT);
    assertNoFault(access(c, DS, 1, 1, Access.READ));
    assertFault(access(c, DS, 1, 1, Access.WRITE), SegmentException.GP, 0, FaultReason.WRITE_TO_READ_ONLY);
    int sel = ldtSegment(c, UserDesc.data(0, 0x10000, 0xfff));
    assertNoFault(load(c, DS, sel));
    assertFault(access(c, DS, 0x1000, 1, Access.READ), SegmentException.GP, 0, FaultReason.LIMIT);
    assertEquals(0x10800L, SegmentationUnit.linear(c, DS, 0x800));
    assertFault(load(c, DS, 0x10), SegmentException.GP, 0x10, FaultReason.PRIVILEGE);
  }

  @Test
  void linearAddressesWrapAt4GiBOutside64BitMode() {
    SegmentContext c = Processes.i386();
    int sel = ldtSegment(c, desc(0, 0xfffff000L, 0xfffff, 0, false, true, false, true));
    assertNoFault(load(c, DS, sel));
    assertNoFault(access(c, DS, 0x2000, 1, Access.READ));
    assertEquals(0x1000L, SegmentationUnit.linear(c, DS, 0x2000));
  }
}
