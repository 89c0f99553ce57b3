package io.vmlab.kernel.exec;

import java.util.Map;

/** The auxiliary vector's entry types (include/uapi/linux/auxvec.h, arch/x86/include/uapi/asm/auxvec.h). */
public final class Auxv {
  public static final int AT_NULL = 0;
  public static final int AT_IGNORE = 1;
  public static final int AT_EXECFD = 2;
  public static final int AT_PHDR = 3;
  public static final int AT_PHENT = 4;
  public static final int AT_PHNUM = 5;
  public static final int AT_PAGESZ = 6;
  public static final int AT_BASE = 7;
  public static final int AT_FLAGS = 8;
  public static final int AT_ENTRY = 9;
  public static final int AT_NOTELF = 10;
  public static final int AT_UID = 11;
  public static final int AT_EUID = 12;
  public static final int AT_GID = 13;
  public static final int AT_EGID = 14;
  public static final int AT_PLATFORM = 15;
  public static final int AT_HWCAP = 16;
  public static final int AT_CLKTCK = 17;
  public static final int AT_SECURE = 23;
  public static final int AT_BASE_PLATFORM = 24;
  public static final int AT_RANDOM = 25;
  public static final int AT_HWCAP2 = 26;
  public static final int AT_RSEQ_FEATURE_SIZE = 27;
  public static final int AT_RSEQ_ALIGN = 28;
  public static final int AT_EXECFN = 31;
  public static final int AT_SYSINFO = 32;
  public static final int AT_SYSINFO_EHDR = 33;
  public static final int AT_MINSIGSTKSZ = 51;

  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(AT_NULL, "AT_NULL"), Map.entry(AT_IGNORE, "AT_IGNORE"), Map.entry(AT_EXECFD, "AT_EXECFD"),
      Map.entry(AT_PHDR, "AT_PHDR"), Map.entry(AT_PHENT, "AT_PHENT"), Map.entry(AT_PHNUM, "AT_PHNUM"),
      Map.entry(AT_PAGESZ, "AT_PAGESZ"), Map.entry(AT_BASE, "AT_BASE"), Map.entry(AT_FLAGS, "AT_FLAGS"),
      Map.entry(AT_ENTRY, "AT_ENTRY"), Map.entry(AT_NOTELF, "AT_NOTELF"), Map.entry(AT_UID, "AT_UID"),
      Map.entry(AT_EUID, "AT_EUID"), Map.entry(AT_GID, "AT_GID"), Map.entry(AT_EGID, "AT_EGID"),
      Map.entry(AT_PLATFORM, "AT_PLATFORM"), Map.entry(AT_HWCAP, "AT_HWCAP"), Map.entry(AT_CLKTCK, "AT_CLKTCK"),
      Map.entry(AT_SECURE, "AT_SECURE"), Map.entry(AT_BASE_PLATFORM, "AT_BASE_PLATFORM"),
      Map.entry(AT_RANDOM, "AT_RANDOM"), Map.entry(AT_HWCAP2, "AT_HWCAP2"),
      Map.entry(AT_RSEQ_FEATURE_SIZE, "AT_RSEQ_FEATURE_SIZE"), Map.entry(AT_RSEQ_ALIGN, "AT_RSEQ_ALIGN"),
      Map.entry(AT_EXECFN, "AT_EXECFN"), Map.entry(AT_SYSINFO, "AT_SYSINFO"),
      Map.entry(AT_SYSINFO_EHDR, "AT_SYSINFO_EHDR"), Map.entry(AT_MINSIGSTKSZ, "AT_MINSIGSTKSZ"));

  private Auxv() {}

  /** The AT_* name of a type, or {@code AT_<n>}. */
  public static String name(int type) {
    return NAMES.getOrDefault(type, "AT_" + type);
  }

  /** One entry: its type and value. */
  public record Entry(int type, long value) {
    /** The AT_* name. */
    public String name() {
      return Auxv.name(type);
    }
  }
}
