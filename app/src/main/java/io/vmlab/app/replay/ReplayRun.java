package io.vmlab.app.replay;

import io.vmlab.api.policy.ReplacementPolicy;
import io.vmlab.app.trace.TraceReader;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.trace.opt.NextUseIndex;
import io.vmlab.app.trace.opt.NextUseReader;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.sys.Syscalls;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * One trace replayed by one process: sets up the VMAs (maps file, or first touch), and gives a
 * policy that needs the future (OPT) the trace's next-use index.
 *
 * @param trace the trace
 * @param maps a maps file, or null to map on first touch
 * @param limit the most references to replay
 */
public record ReplayRun(TraceSource trace, Path maps, long limit) {
  /** Replays on {@code task}; {@code progress} gets each batch's reference count. */
  public ReplayStats run(Kernel kernel, Syscalls sys, Task task, LongConsumer progress) {
    if (maps != null) {
      ReplayMaps.read(maps).install(kernel, sys, task);
    }
    Replayer replayer = new Replayer(kernel, sys, task, maps == null, trace.path().toString());
    if (needsFuture(kernel)) {
      try (NextUseIndex index = NextUseIndex.build(trace, tempDir());
          NextUseReader reader = index.reader()) {
        return replayer.replayWithFuture(reader, limit, progress);
      }
    }
    try (TraceReader reader = trace.reader()) {
      return replayer.replay(reader, limit, progress);
    }
  }

  /** Whether the machine's replacement policy asks for the future of the references. */
  public static boolean needsFuture(Kernel kernel) {
    return kernel.policies().replacement().characteristics().contains(ReplacementPolicy.Characteristic.FUTURE);
  }

  private static Path tempDir() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** How the VMAs were made, for the output. */
  public String vmaSource() {
    return maps == null
        ? "VMAs: each page is mapped on its first reference as private anonymous memory (rwx)"
        : "VMAs: from " + maps;
  }
}
