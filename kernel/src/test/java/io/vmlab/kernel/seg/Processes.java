package io.vmlab.kernel.seg;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.ArchOptions;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.Segmentation;
import io.vmlab.arch.ia32.Ia32Architecture;
import io.vmlab.arch.x86_64.X8664Architecture;

/** Processes right after exec on the real architecture plugins, for the segmentation tests. */
final class Processes {
  private Processes() {}

  static ArchModel ia32(String paging) {
    return new Ia32Architecture().configure(new ArchOptions(paging, null, KernelVersion.V6_1, 256L << 20, "none", false));
  }

  static ArchModel x86_64(String paging) {
    return new X8664Architecture().configure(new ArchOptions(paging, null, KernelVersion.V6_1, 256L << 20, "xonly",
        false));
  }

  static Segmentation segmentation(ArchModel arch, String abi) {
    ProcessAbi a = arch.abi(abi).orElseThrow();
    return a.segmentation().orElseThrow();
  }

  static SegmentContext start(ArchModel arch, String abi) {
    return SegmentContext.startThread(segmentation(arch, abi), arch.geometry(), arch.taskSizeMax());
  }

  /** An i386 process on a 2-level IA-32 machine. */
  static SegmentContext i386() {
    return start(ia32("2level"), "i386");
  }

  /** A 64-bit process on a 4-level x86-64 machine. */
  static SegmentContext native64() {
    return start(x86_64("4level"), "x86_64");
  }

  /** An IA-32 process on a 4-level x86-64 machine. */
  static SegmentContext compat() {
    return start(x86_64("4level"), "i386");
  }
}
