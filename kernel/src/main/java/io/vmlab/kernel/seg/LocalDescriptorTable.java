package io.vmlab.kernel.seg;

import io.vmlab.kernel.mm.Errno;
import java.util.Arrays;

/**
 * A process's LDT (mm->context.ldt, arch/x86/kernel/ldt.c): none at exec; modify_ldt() writes
 * entries, growing the table to the highest entry written. Its limit is nr_entries * 8 - 1.
 */
public final class LocalDescriptorTable {
  private long[] entries = new long[0];

  /** nr_entries: 0 when the process has no LDT (LDTR then holds a null selector). */
  public int nrEntries() {
    return entries.length;
  }

  /** The raw descriptor of entry {@code index} (which must be below {@link #nrEntries()}). */
  public long entry(int index) {
    return entries[index];
  }

  /**
   * write_ldt() (modify_ldt func 1 with {@code oldmode}, func 0x11 without): 0, or -EINVAL for an
   * entry at or past LDT_ENTRIES or a conforming code segment that is present (or any, in old
   * mode). An empty descriptor (LDT_empty, or base and limit 0 in old mode) clears the entry.
   */
  public long write(UserDesc info, boolean oldmode) {
    if (info.entryNumber() < 0 || info.entryNumber() >= io.vmlab.api.arch.Segmentation.LDT_ENTRIES) {
      return Errno.EINVAL.neg();
    }
    if (info.contents() == 3 && (oldmode || !info.segNotPresent())) {
      return Errno.EINVAL.neg();
    }
    long desc;
    if ((oldmode && info.baseAddr() == 0 && info.limit() == 0) || info.ldtEmpty()) {
      desc = 0;
    } else {
      // allow_16bit_segments(): CONFIG_X86_16BIT=y and not a Xen PV guest, so 16-bit segments are allowed.
      desc = info.fillLdt();
      if (oldmode) {
        desc &= ~(1L << 52);
      }
    }
    int n = Math.max(info.entryNumber() + 1, entries.length);
    long[] grown = Arrays.copyOf(entries, n);
    grown[info.entryNumber()] = desc;
    entries = grown;
    return 0;
  }

  /** ldt_dup_context(): the child's copy at fork. */
  public LocalDescriptorTable copy() {
    LocalDescriptorTable c = new LocalDescriptorTable();
    c.entries = entries.clone();
    return c;
  }
}
