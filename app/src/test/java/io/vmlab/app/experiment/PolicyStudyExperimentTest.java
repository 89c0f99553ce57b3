package io.vmlab.app.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.app.TestPaths;
import io.vmlab.app.config.ExperimentLoader;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy-study sweep in an experiment counts what {@code vmlab replay --policy-study} counts. */
class PolicyStudyExperimentTest {
  @TempDir
  Path dir;

  @Test
  void beladyStringAndWriteBacksByPolicyAndFrames() throws IOException {
    Path writes = dir.resolve("writes.pages");
    Files.writeString(writes, "1w,2,3,4w,1,2,5w,1w,2,3,4,5w\n");
    Path f = dir.resolve("study.yaml");
    Files.writeString(f, String.join("\n",
        "experiment:",
        "  machines: [x86_64-4level]",
        "  policy_study: {frames: 3}",
        "  vars: {trace: belady}",
        "  processes:",
        "    - steps:",
        "        - replay: {trace: \"${trace}\"}",
        "  sweep:",
        "    vars.trace: [" + TestPaths.home().resolve("traces/belady.pages") + ", writes.pages]",
        "    machine.policies.replacement: [fifo, lru, opt, clock]",
        "    policy_study.frames: [3, 4]",
        ""));
    ExperimentResult result;
    try (PluginHost host = PluginHost.load(TestPaths.plugins())) {
      result = new ExperimentRunner(ExperimentLoader.load(f), host).run(null, 2, true);
    }
    List<String> got = new ArrayList<>();
    for (RunResult r : result.runs()) {
      got.add(r.policy() + "/" + r.params().get("policy_study.frames") + ": "
          + r.metrics().getOr(Metric.REFERENCES, -1) + " " + r.metrics().getOr(Metric.FAULTS, -1) + " "
          + r.metrics().getOr(Metric.WRITEBACKS, -1));
    }
    // Belady: fifo 9/10, lru 10/8, opt 7/6, clock 9/10 faults at 3/4 frames; the write string
    // (faults write-backs) at 3 frames: fifo 9 3, lru 10 4, opt 7 2, clock 9 3; at 4 frames (worked
    // by hand, e.g. fifo evicts 1d 2 3 4d 5d 1d): fifo 10 4, lru 8 3, opt 6 2, clock 10 4.
    assertEquals(List.of(
        "fifo/3: 12 9 0", "fifo/4: 12 10 0", "lru/3: 12 10 0", "lru/4: 12 8 0",
        "opt/3: 12 7 0", "opt/4: 12 6 0", "clock/3: 12 9 0", "clock/4: 12 10 0",
        "fifo/3: 12 9 3", "fifo/4: 12 10 4", "lru/3: 12 10 4", "lru/4: 12 8 3",
        "opt/3: 12 7 2", "opt/4: 12 6 2", "clock/3: 12 9 3", "clock/4: 12 10 4"), got);
    assertEquals(4L * 4096, result.runs().get(1).memoryBytes(), "policy study: memory is the frames");
  }
}
