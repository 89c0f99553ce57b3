package io.vmlab.api.arch.x86;

import io.vmlab.api.arch.SegmentRegister;
import io.vmlab.api.arch.Segmentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Segmentation} held in tables: what both x86 plugins fill with their own GDT layout and
 * selectors (arch/x86/include/asm/segment.h is shared by i386 and x86_64, with an #ifdef per
 * layout). Build one with {@link #builder(int, int, boolean)}.
 */
public final class X86Segmentation implements Segmentation {
  private final long[] gdt;
  private final String[] names;
  private final int tlsMin;
  private final boolean longMode;
  private final Map<String, Integer> selectors;
  private final int[] user;
  private final int[] kernel;

  private X86Segmentation(Builder b) {
    this.gdt = b.gdt.clone();
    this.names = b.names.clone();
    this.tlsMin = b.tlsMin;
    this.longMode = b.longMode;
    this.selectors = Collections.unmodifiableMap(new LinkedHashMap<>(b.selectors));
    this.user = b.user.clone();
    this.kernel = b.kernel.clone();
  }

  /** A builder for a GDT of {@code entries} entries whose TLS slots start at {@code tlsMin}. */
  public static Builder builder(int entries, int tlsMin, boolean longModeActive) {
    return new Builder(entries, tlsMin, longModeActive);
  }

  /** The same tables with other user selectors (compat_start_thread's for an IA-32 process). */
  public X86Segmentation withUserSelectors(int cs, int ss, int ds, int es, int fs, int gs) {
    Builder b = new Builder(gdt.length, tlsMin, longMode);
    System.arraycopy(gdt, 0, b.gdt, 0, gdt.length);
    System.arraycopy(names, 0, b.names, 0, names.length);
    b.selectors.putAll(selectors);
    System.arraycopy(kernel, 0, b.kernel, 0, kernel.length);
    return b.user(cs, ss, ds, es, fs, gs).build();
  }

  @Override
  public int gdtEntries() {
    return gdt.length;
  }

  @Override
  public long gdtEntry(int index) {
    return gdt[index];
  }

  @Override
  public String gdtEntryName(int index) {
    return names[index];
  }

  @Override
  public int tlsMin() {
    return tlsMin;
  }

  @Override
  public Map<String, Integer> selectors() {
    return selectors;
  }

  @Override
  public int userSelector(SegmentRegister reg) {
    return user[reg.ordinal()];
  }

  @Override
  public int kernelSelector(SegmentRegister reg) {
    return kernel[reg.ordinal()];
  }

  @Override
  public boolean longModeActive() {
    return longMode;
  }

  /** Fills the tables of an {@link X86Segmentation}. */
  public static final class Builder {
    private final long[] gdt;
    private final String[] names;
    private final int tlsMin;
    private final boolean longMode;
    private final Map<String, Integer> selectors = new LinkedHashMap<>();
    private final int[] user = new int[6];
    private final int[] kernel = new int[6];

    private Builder(int entries, int tlsMin, boolean longMode) {
      this.gdt = new long[entries];
      this.names = new String[entries];
      Arrays.fill(names, "");
      this.tlsMin = tlsMin;
      this.longMode = longMode;
      Arrays.fill(kernel, -1);
      for (int i = 0; i < TLS_ENTRIES; i++) {
        names[tlsMin + i] = "TLS #" + (i + 1) + (i == 0 ? " (GDT_ENTRY_TLS_MIN)" : i == TLS_ENTRIES - 1
            ? " (GDT_ENTRY_TLS_MAX)" : "");
      }
    }

    /** GDT entry {@code index}: its Linux name and raw descriptor. */
    public Builder entry(int index, String name, long raw) {
      gdt[index] = raw;
      names[index] = name;
      return this;
    }

    /** A selector macro of segment.h. */
    public Builder selector(String name, int value) {
      selectors.put(name, value);
      return this;
    }

    /** What start_thread() loads. */
    public Builder user(int cs, int ss, int ds, int es, int fs, int gs) {
      set(user, cs, ss, ds, es, fs, gs);
      return this;
    }

    /** What the kernel entry code loads (-1: keeps the user's). */
    public Builder kernel(int cs, int ss, int ds, int es, int fs, int gs) {
      set(kernel, cs, ss, ds, es, fs, gs);
      return this;
    }

    /** The finished tables. */
    public X86Segmentation build() {
      return new X86Segmentation(this);
    }

    private static void set(int[] regs, int cs, int ss, int ds, int es, int fs, int gs) {
      regs[SegmentRegister.CS.ordinal()] = cs;
      regs[SegmentRegister.SS.ordinal()] = ss;
      regs[SegmentRegister.DS.ordinal()] = ds;
      regs[SegmentRegister.ES.ordinal()] = es;
      regs[SegmentRegister.FS.ordinal()] = fs;
      regs[SegmentRegister.GS.ordinal()] = gs;
    }
  }
}
