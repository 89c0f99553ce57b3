package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.config.Scalars;
import io.vmlab.app.format.Json;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.replay.ReplayRun;
import io.vmlab.app.replay.ReplayStats;
import io.vmlab.app.report.progress.ProgressReporter;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.wiring.Machine;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.sys.Syscalls;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab replay}: one trace, one process, one machine; the counts at the end. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
      "Replay a memory-access trace as one process of the machine: every page reference goes",
      "through the TLB, the page-table walk and the fault path. Without --maps, each page is",
      "mapped on its first reference as private anonymous memory. The last line is",
      "'references=R faults=F writebacks=W'.",
      "",
      "--policy-study gives user pages exactly --frames frames (page tables not charged), with no",
      "fault-around and no zero page, so every reference to a non-resident page is one fault and",
      "every eviction of a dirty page one write-back: the textbook model of page replacement."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  vmlab replay --machine x86_64-4level --trace traces/ls.lackey.zst",
      "  vmlab replay --machine x86_64-4level --trace traces/belady.pages --policy fifo --frames 3 --policy-study"
    })
final class ReplayCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, required = true, paramLabel = "FILE|NAME",
      description = "A machine file, or the name of a bundled one.")
  String machine;

  @Option(names = {"-t", "--trace"}, required = true, paramLabel = "FILE",
      description = "A lackey trace (plain, .gz or .zst), a binary trace, or a page list (one page number per "
          + "line, optionally followed by w for a write).")
  Path trace;

  @Mixin
  TraceFormatOption input;

  @Option(names = "--maps", paramLabel = "FILE",
      description = "A /proc/PID/maps file recorded with the trace: its VMAs are mapped before the replay.")
  Path maps;

  @Option(names = {"-p", "--policy"}, paramLabel = "NAME",
      description = "The replacement policy (default: the machine's policies.replacement).")
  String policy;

  @Option(names = "--memory", paramLabel = "SIZE", description = "Physical memory instead of the machine's, e.g. 64M.")
  String memory;

  @Option(names = "--swap", paramLabel = "SIZE", description = "Swap instead of the machine's, e.g. 256M.")
  String swap;

  @Option(names = "--policy-study", description = "Policy-study mode (needs --frames).")
  boolean policyStudy;

  @Option(names = "--frames", paramLabel = "N", description = "Frames for user pages in policy-study mode.")
  Integer frames;

  @Option(names = "--limit", paramLabel = "N", description = "Replay at most N references.")
  Long limit;

  @Option(names = "--json", description = "Write the counts as JSON instead of text.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    if (policyStudy && frames == null) {
      throw new UserError("--policy-study needs --frames N (the frames user pages get)");
    }
    if (frames != null && !policyStudy) {
      throw new UserError("--frames is for --policy-study; to size memory use --memory");
    }
    if (frames != null && frames < 1) {
      throw new UserError("--frames must be at least 1, not " + frames);
    }
    if (limit != null && limit < 0) {
      throw new UserError("--limit must not be negative");
    }
    TraceSource source = TraceSource.open(trace, input.format);
    Session session = Session.of(spec);
    try (PluginHost host = session.openPlugins()) {
      Machine m = session.machine(machine, host);
      MachineSpec ms = m.spec();
      if (policy != null) {
        if (!host.registry().replacementPolicies().containsKey(policy)) {
          throw new UserError("--policy " + policy + ": no such replacement policy (available: "
              + String.join(", ", host.registry().replacementPolicies().keySet()) + ")");
        }
        ms = ms.withPolicies(ms.policies().withReplacement(policy));
      }
      if (memory != null) {
        ms = ms.withMemory(size("--memory", memory, 1L << 20));
      }
      if (swap != null) {
        ms = ms.withSwap(size("--swap", swap, 0));
      }
      Kernel kernel = new KernelFactory(host.registry()).create(ms);
      if (policyStudy) {
        kernel.memoryManager().enablePolicyStudy(frames, ms.seed());
      }
      Syscalls sys = new Syscalls(kernel);
      Task task = ProcessFactory.empty(kernel, null, "replay", ms.seed());
      ReplayRun run = new ReplayRun(source, maps, limit == null ? Long.MAX_VALUE : limit);
      ReplayStats stats;
      long total = limit == null ? source.knownReferences() : Math.min(limit, source.knownReferences());
      try (ProgressReporter progress = ProgressReporter.open("replay", total, quiet || json)) {
        stats = run.run(kernel, sys, task, progress::step);
      }
      print(kernel, ms, source, run, stats);
    }
    return ExitCodes.OK;
  }

  private void print(Kernel kernel, MachineSpec ms, TraceSource source, ReplayRun run, ReplayStats s) {
    long[] rc = kernel.memoryManager().reclaimCounters();
    // Policy study counts every dirty eviction (swap-outs included); otherwise file write-backs.
    long writebacks = policyStudy ? rc[2] + rc[3] : rc[2];
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("machine", ms.name());
      doc.put("trace", source.path().toString());
      doc.put("format", source.format().id());
      doc.put("policy", ms.policies().replacement());
      doc.put("mode", policyStudy ? "policy-study" : "full");
      if (policyStudy) {
        doc.put("frames", frames);
      } else {
        doc.put("memoryBytes", ms.memoryBytes());
        doc.put("swapBytes", ms.swapBytes());
      }
      doc.put("vmas", maps == null ? "mapped on first touch" : maps.toString());
      doc.put("references", s.references());
      doc.put("faults", s.faults());
      doc.put("minorFaults", s.minorFaults());
      doc.put("majorFaults", s.majorFaults());
      doc.put("writebacks", writebacks);
      doc.put("swapOuts", kernel.memoryManager().swapSpace() == null ? 0 : kernel.memoryManager().swapSpace().swapouts());
      doc.put("swapIns", kernel.memoryManager().swapSpace() == null ? 0 : kernel.memoryManager().swapSpace().swapins());
      doc.put("reclaimScans", rc[0]);
      doc.put("regionsMapped", s.regionsMapped());
      doc.put("segv", s.segv());
      doc.put("oomKilled", s.oomKilled());
      doc.put("oomKills", kernel.memoryManager().oomKills().stream().map(k -> k.report()).toList());
      doc.put("tlbHits", kernel.memoryManager().mmu().accesses() - kernel.memoryManager().mmu().tlbMisses());
      doc.put("tlbMisses", kernel.memoryManager().mmu().tlbMisses());
      out.println(Json.write(doc));
      return;
    }
    out.printf("machine: %s (%s %s), policy %s, %s%n", ms.name(), ms.arch(), ms.paging(), ms.policies().replacement(),
        policyStudy ? "policy study with " + frames + " frames" : (ms.memoryBytes() >> 20) + " MiB memory, "
            + (ms.swapBytes() >> 20) + " MiB swap");
    out.printf("trace: %s%n", source);
    out.println(run.vmaSource() + (maps == null ? " (" + s.regionsMapped() + " pages mapped)" : ""));
    if (s.segv() > 0) {
      out.printf("%d references were not permitted by their VMA (SIGSEGV) and were skipped%n", s.segv());
    }
    for (var kill : kernel.memoryManager().oomKills()) {
      out.println(kill.report());
    }
    if (s.oomKilled()) {
      out.println("the process was killed by the OOM killer; the replay stopped there");
    }
    out.printf("major faults: %d, minor faults: %d%n", s.majorFaults(), s.minorFaults());
    out.printf("references=%d faults=%d writebacks=%d%n", s.references(), s.faults(), writebacks);
  }

  private static long size(String option, String text, long min) {
    try {
      return Scalars.size(min, 1L << 40, 4096).parse(text);
    } catch (IllegalArgumentException e) {
      throw new UserError(option + " " + text + ": " + e.getMessage());
    }
  }
}
