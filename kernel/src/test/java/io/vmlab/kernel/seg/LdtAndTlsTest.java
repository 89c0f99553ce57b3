package io.vmlab.kernel.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vmlab.api.arch.SegmentDescriptor;
import io.vmlab.api.arch.SegmentRegister;
import org.junit.jupiter.api.Test;

/** modify_ldt() (arch/x86/kernel/ldt.c write_ldt) and set_thread_area() (arch/x86/kernel/tls.c). */
class LdtAndTlsTest {
  private static final long EINVAL = -22;
  private static final long ESRCH = -3;

  private static UserDesc emptyDesc(int entry) {
    return new UserDesc(entry, 0, 0, false, 0, true, false, true, false, false);
  }

  @Test
  void fillLdtMakesDpl3AccessedSegmentsWithoutL() {
    long raw = new UserDesc(3, 0x12345678L, 0xabcde, true, 2, false, true, false, true, true).fillLdt();
    SegmentDescriptor d = SegmentDescriptor.of(raw);
    assertEquals(0x12345678L, d.base());
    assertEquals(0xabcde, d.limit());
    assertEquals(0xb, d.type(), "code, readable, accessed");
    assertEquals(3, d.dpl());
    assertEquals(true, d.s() && d.present() && d.defaultBig() && d.granularity() && d.avl());
    assertEquals(false, d.longMode());
    SegmentDescriptor ro = SegmentDescriptor.of(UserDesc.data(0, 0, 0xfff).fillLdt());
    assertEquals(0x3, ro.type(), "data, writable, accessed");
  }

  @Test
  void writeLdtGrowsTheTableAndValidatesLikeLinux() {
    LocalDescriptorTable ldt = new LocalDescriptorTable();
    assertEquals(0, ldt.nrEntries());
    assertEquals(0, ldt.write(UserDesc.data(4, 0x1000, 0xfff), false));
    assertEquals(5, ldt.nrEntries(), "new_nr_entries = max(entry_number + 1, old_nr_entries)");
    assertEquals(0, ldt.entry(0));
    assertNotEquals(0, ldt.entry(4));
    assertEquals(0, ldt.write(UserDesc.data(1, 0x1000, 0xfff), false));
    assertEquals(5, ldt.nrEntries());
    assertEquals(EINVAL, ldt.write(UserDesc.data(8192, 0, 0xfff), false), "entry_number >= LDT_ENTRIES");
    assertEquals(EINVAL, ldt.write(UserDesc.data(-1, 0, 0xfff), false), "entry_number is unsigned");
    UserDesc conformingPresent = new UserDesc(2, 0, 0xfffff, true, 3, false, true, false, false, false);
    assertEquals(EINVAL, ldt.write(conformingPresent, false));
    UserDesc conformingAbsent = new UserDesc(2, 0, 0xfffff, true, 3, false, true, true, false, false);
    assertEquals(EINVAL, ldt.write(conformingAbsent, true), "old mode refuses contents 3");
    assertEquals(0, ldt.write(conformingAbsent, false));
    // LDT_empty clears the entry; in old mode base = limit = 0 does too.
    assertEquals(0, ldt.write(emptyDesc(4), false));
    assertEquals(0, ldt.entry(4));
    assertEquals(5, ldt.nrEntries(), "clearing does not shrink the table");
    assertEquals(0, ldt.write(new UserDesc(1, 0, 0, true, 0, false, false, false, true, false), true));
    assertEquals(0, ldt.entry(1));
    // Old mode clears AVL (useable).
    assertEquals(0, ldt.write(new UserDesc(3, 0x1000, 0xfff, true, 0, false, false, false, true, false), true));
    assertEquals(false, SegmentDescriptor.of(ldt.entry(3)).avl());
    assertEquals(0, ldt.write(new UserDesc(3, 0x1000, 0xfff, true, 0, false, false, false, true, false), false));
    assertEquals(true, SegmentDescriptor.of(ldt.entry(3)).avl());
    LocalDescriptorTable child = ldt.copy();
    assertEquals(0, ldt.write(UserDesc.data(3, 0x2000, 0xfff), false));
    assertEquals(0x1000L, SegmentDescriptor.of(child.entry(3)).base(), "fork copies the LDT (ldt_dup_context)");
  }

  @Test
  void setThreadAreaFillsTheThreeTlsSlots() {
    SegmentContext c = Processes.i386();
    UserDesc tls = new UserDesc(-1, 0xb7d8a000L, 0xfffff, true, 0, false, true, false, true, false);
    assertEquals(6, c.setThreadArea(tls));
    assertEquals(7, c.setThreadArea(tls));
    assertEquals(8, c.setThreadArea(tls));
    assertEquals(ESRCH, c.setThreadArea(tls), "no free slot");
    assertEquals(EINVAL, c.setThreadArea(new UserDesc(9, 0, 0xfffff, true, 0, false, true, false, false, false)));
    assertEquals(EINVAL, c.setThreadArea(new UserDesc(5, 0, 0xfffff, true, 0, false, true, false, false, false)));
    // tls_desc_okay(): no 16-bit, code or not-present TLS segments.
    assertEquals(EINVAL, c.setThreadArea(new UserDesc(6, 0, 0xfffff, false, 0, false, true, false, false, false)));
    assertEquals(EINVAL, c.setThreadArea(new UserDesc(6, 0, 0xfffff, true, 2, false, true, false, false, false)));
    assertEquals(EINVAL, c.setThreadArea(new UserDesc(6, 0, 0xfffff, true, 0, false, true, true, false, false)));
    // glibc's %gs: GDT entry 6, selector 0x33.
    assertEquals(0, SegmentationUnit.load(c, SegmentRegister.GS, 0x33, null));
    assertEquals(0xb7d8a010L, SegmentationUnit.linear(c, SegmentRegister.GS, 0x10));
    // Clearing a slot (LDT_empty or LDT_zero) makes it free again, and gs, which held it, is reloaded to 0.
    assertEquals(6, c.setThreadArea(emptyDesc(6)));
    assertEquals(0, c.selector(SegmentRegister.GS));
    assertEquals(7, c.setThreadArea(new UserDesc(7, 0, 0, false, 0, false, false, false, false, false)));
    assertEquals(6, c.setThreadArea(tls));
  }

  @Test
  void rewritingATlsSlotReloadsTheRegistersThatHoldIt() {
    SegmentContext c = Processes.native64();
    assertEquals(13, c.setThreadArea(new UserDesc(13, 0x1000, 0xfffff, true, 0, false, true, false, false, false)));
    assertEquals(0, SegmentationUnit.load(c, SegmentRegister.GS, 0x6b, null));
    assertEquals(0x1000L, c.gsBase());
    assertEquals(13, c.setThreadArea(new UserDesc(13, 0x2000, 0xfffff, true, 0, false, true, false, false, false)));
    assertEquals(0x2000L, c.gsBase());
  }
}
