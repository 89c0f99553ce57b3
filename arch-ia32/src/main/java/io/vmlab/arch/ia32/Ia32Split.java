package io.vmlab.arch.ia32;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Linux's "Memory split" choice (arch/x86/Kconfig CONFIG_VMSPLIT_*): PAGE_OFFSET = TASK_SIZE. */
enum Ia32Split {
  SPLIT_3G("3G/1G", "VMSPLIT_3G", 0xC0000000L, true),
  SPLIT_3G_OPT("3G_OPT", "VMSPLIT_3G_OPT", 0xB0000000L, false),
  SPLIT_2G("2G/2G", "VMSPLIT_2G", 0x80000000L, true),
  SPLIT_2G_OPT("2G_OPT", "VMSPLIT_2G_OPT", 0x78000000L, false),
  SPLIT_1G("1G/3G", "VMSPLIT_1G", 0x40000000L, true);

  final String label;
  final String kconfig;
  final long pageOffset;
  /** The _OPT splits depend on !X86_PAE. */
  final boolean allowsPae;

  Ia32Split(String label, String kconfig, long pageOffset, boolean allowsPae) {
    this.label = label;
    this.kconfig = kconfig;
    this.pageOffset = pageOffset;
    this.allowsPae = allowsPae;
  }

  static List<String> labels() {
    return Arrays.stream(values()).map(s -> s.label).toList();
  }

  /** By label ({@code 3G/1G}) or Kconfig name ({@code VMSPLIT_3G}), case-insensitive. */
  static Optional<Ia32Split> find(String name) {
    return Arrays.stream(values())
        .filter(s -> s.label.equalsIgnoreCase(name) || s.kconfig.equalsIgnoreCase(name))
        .findFirst();
  }
}
