package io.vmlab.app.script;

import java.util.List;
import java.util.Map;

/** The names scenarios use for prot, mmap flags, mremap flags and madvise advice (Linux x86 values). */
public final class Names {
  /** mmap flag names. */
  public static final Map<String, Integer> MMAP_FLAGS = Map.ofEntries(
      Map.entry("shared", 0x1), Map.entry("private", 0x2), Map.entry("shared_validate", 0x3),
      Map.entry("fixed", 0x10), Map.entry("anonymous", 0x20), Map.entry("32bit", 0x40),
      Map.entry("growsdown", 0x100), Map.entry("denywrite", 0x800), Map.entry("executable", 0x1000),
      Map.entry("locked", 0x2000), Map.entry("noreserve", 0x4000), Map.entry("norserve", 0x4000),
      Map.entry("populate", 0x8000), Map.entry("nonblock", 0x10000), Map.entry("stack", 0x20000),
      Map.entry("hugetlb", 0x40000), Map.entry("fixed_noreplace", 0x100000));

  /** mremap flag names. */
  public static final Map<String, Integer> MREMAP_FLAGS = Map.of("maymove", 1, "fixed", 2, "dontunmap", 4);

  /** madvise advice names. */
  public static final Map<String, Integer> ADVICE = Map.ofEntries(
      Map.entry("normal", 0), Map.entry("random", 1), Map.entry("sequential", 2), Map.entry("willneed", 3),
      Map.entry("dontneed", 4), Map.entry("free", 8), Map.entry("remove", 9), Map.entry("dontfork", 10),
      Map.entry("dofork", 11), Map.entry("mergeable", 12), Map.entry("unmergeable", 13),
      Map.entry("hugepage", 14), Map.entry("nohugepage", 15), Map.entry("dontdump", 16),
      Map.entry("dodump", 17), Map.entry("wipeonfork", 18), Map.entry("keeponfork", 19),
      Map.entry("cold", 20), Map.entry("pageout", 21), Map.entry("populate_read", 22),
      Map.entry("populate_write", 23));

  /** Errno names by number (the ones mm system calls return). */
  public static final Map<Integer, String> ERRNO = Map.ofEntries(
      Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"), Map.entry(4, "EINTR"), Map.entry(9, "EBADF"),
      Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"),
      Map.entry(16, "EBUSY"), Map.entry(17, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(22, "EINVAL"),
      Map.entry(26, "ETXTBSY"), Map.entry(27, "EFBIG"), Map.entry(28, "ENOSPC"), Map.entry(38, "ENOSYS"),
      Map.entry(75, "EOVERFLOW"), Map.entry(95, "EOPNOTSUPP"));

  /** si_code names by number, per signal. */
  public static String siCode(int signal, int code) {
    if (code == 0x80) {
      return "SI_KERNEL";
    }
    if (signal == 11) {
      return switch (code) {
        case 1 -> "SEGV_MAPERR";
        case 2 -> "SEGV_ACCERR";
        case 4 -> "SEGV_PKUERR";
        default -> Integer.toString(code);
      };
    }
    if (signal == 7) {
      return switch (code) {
        case 1 -> "BUS_ADRALN";
        case 2 -> "BUS_ADRERR";
        case 3 -> "BUS_OBJERR";
        default -> Integer.toString(code);
      };
    }
    return Integer.toString(code);
  }

  /** Signal names. */
  public static String signal(int sig) {
    return switch (sig) {
      case 11 -> "SIGSEGV";
      case 7 -> "SIGBUS";
      case 9 -> "SIGKILL";
      default -> "SIG" + sig;
    };
  }

  /** The status fields a status step reports by default. */
  public static final List<String> STATUS_FIELDS = List.of("VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM",
      "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap");

  /** The smaps fields a smaps step reports by default. */
  public static final List<String> SMAPS_FIELDS = List.of("Size", "Rss", "Anonymous", "VmFlags");

  private Names() {}
}
