package io.vmlab.kernel.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.SegmentRegister;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The traced translation agrees with the untraced unit and lists the checks in the CPU's order. */
class TracedTranslationTest {
  @Test
  void userCodeSelectorThroughDs() {
    SegmentContext c = Processes.i386();
    LogicalTranslation t = LogicalTranslator.translate(c, SegmentRegister.DS, 0x73, 0x08048000L, 1, Access.READ);
    assertNull(t.fault());
    assertEquals(0x08048000L, t.linear());
    assertEquals(0L, t.base());
    assertEquals(0x00cffa000000ffffL, t.descriptor());
    assertEquals("GDT_ENTRY_DEFAULT_USER_CS", t.entryName());
    assertEquals(List.of("table limit", "type", "privilege", "present", "access", "limit"),
        t.checks().stream().map(SegmentCheck::check).toList());
    assertTrue(t.checks().stream().allMatch(SegmentCheck::passed));
  }

  @Test
  void aFailedCheckIsTheLastAndCarriesTheFault() {
    SegmentContext c = Processes.i386();
    LogicalTranslation t = LogicalTranslator.translate(c, SegmentRegister.DS, 0x68, 0, 4, Access.READ);
    assertEquals("#GP(0x68)", t.fault().mnemonic());
    assertNull(t.linear());
    SegmentCheck last = t.checks().get(t.checks().size() - 1);
    assertEquals("privilege", last.check());
    assertEquals(false, last.passed());
    assertEquals("max(CPL 3, RPL 0) = 3 > DPL 0", last.detail());
    assertEquals(0x7b, c.selector(SegmentRegister.DS), "a failed load leaves the register as it was");
  }

  @Test
  void fetchesGoThroughCsAndOffsetsFitTheMode() {
    SegmentContext c = Processes.i386();
    assertThrows(IllegalArgumentException.class,
        () -> LogicalTranslator.translate(c, SegmentRegister.DS, -1, 0, 1, Access.EXEC));
    assertThrows(IllegalArgumentException.class,
        () -> LogicalTranslator.translate(c, SegmentRegister.DS, -1, 0x100000000L, 1, Access.READ));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 2023})
  void tracedAndUntracedAgree(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SegmentContext traced = Processes.i386();
    SegmentContext plain = Processes.i386();
    for (SegmentContext c : new SegmentContext[] {traced, plain}) {
      assertEquals(0, c.modifyLdt(new UserDesc(0, 0x10000, 0xfff, true, 0, false, false, false, false, false), false));
      assertEquals(0, c.modifyLdt(new UserDesc(1, 0, 0xfff, true, 1, false, false, false, false, false), false));
      assertEquals(0, c.modifyLdt(new UserDesc(2, 0, 0xfff, true, 0, true, false, true, false, false), false));
    }
    int[] selectors = {0, 0x7, 0xf, 0x17, 0x1f, 0x60, 0x68, 0x73, 0x7b, 0x80, 0x33, 0x100};
    SegmentRegister[] regs = {SegmentRegister.DS, SegmentRegister.ES, SegmentRegister.SS, SegmentRegister.GS};
    for (int i = 0; i < 5_000; i++) {
      int sel = selectors[rnd.nextInt(selectors.length)];
      SegmentRegister r = regs[rnd.nextInt(regs.length)];
      long offset = rnd.nextLong(0x2000);
      int size = 1 << rnd.nextInt(3);
      Access a = rnd.nextBoolean() ? Access.READ : Access.WRITE;
      LogicalTranslation t = LogicalTranslator.translate(traced, r, sel, offset, size, a);
      int fault = SegmentationUnit.load(plain, r, sel, null);
      if (fault == 0) {
        fault = SegmentationUnit.checkAccess(plain, r, offset, size, a, null);
      }
      String msg = "seed " + seed + ": " + r.linuxName() + "=0x" + Integer.toHexString(sel) + ":0x"
          + Long.toHexString(offset);
      assertEquals(SegmentFault.unpack(fault), t.fault(), msg);
      if (fault == 0) {
        assertEquals(SegmentationUnit.linear(plain, r, offset), t.linear(), msg);
      }
      assertEquals(t.fault() == null, t.checks().stream().allMatch(SegmentCheck::passed), msg);
    }
  }
}
