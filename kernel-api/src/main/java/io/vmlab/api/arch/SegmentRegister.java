package io.vmlab.api.arch;

/** The six x86 segment registers, in their hardware encoding order (ES=0 ... GS=5). */
public enum SegmentRegister {
  ES,
  CS,
  SS,
  DS,
  FS,
  GS;

  /** The lowercase name assemblers and Linux use: {@code cs}, {@code ds}, ... */
  public String linuxName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
