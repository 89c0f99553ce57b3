package io.vmlab.app.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentResultTest {
  private static RunResult run(int index) {
    return RunResult.of(index, Map.of(), "m", "x86_64", "4level", "fifo", 1 << 20,
        Metrics.builder().put(Metric.FAULTS, index).build());
  }

  private static ExperimentResult result(int size, Shard shard, List<RunResult> runs) {
    return new ExperimentResult("e", "0.1.0", 1, Map.of("a", 1), List.of(), CostModel.DEFAULT, size, shard, runs);
  }

  @Test
  void runsAreSortedByIndex() {
    ExperimentResult r = result(4, null, List.of(run(3), run(0), run(2)));
    assertEquals(List.of(0, 2, 3), r.runs().stream().map(RunResult::index).toList());
  }

  @Test
  void duplicateOutOfRangeAndForeignRunsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> result(4, null, List.of(run(1), run(1))));
    assertThrows(IllegalArgumentException.class, () -> result(4, null, List.of(run(4))));
    assertThrows(IllegalArgumentException.class, () -> result(4, new Shard(1, 2), List.of(run(1))));
  }

  @Test
  void configHashIgnoresKeyOrderButNotValues() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("x", 1);
    a.put("y", Map.of("b", 2, "a", List.of(1, 2)));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("y", Map.of("a", List.of(1, 2), "b", 2));
    b.put("x", 1);
    assertEquals(ConfigHash.of(a), ConfigHash.of(b));
    b.put("x", 2);
    assertNotEquals(ConfigHash.of(a), ConfigHash.of(b));
  }

  @Test
  void costModelTimesFollowTheDocumentedFormula() {
    Metrics m = Metrics.builder().put(Metric.REFERENCES, 3_000_000).put(Metric.WALK_LEVELS, 100_000)
        .put(Metric.MINOR_FAULTS, 900).put(Metric.MAJOR_FAULTS, 100).put(Metric.SWAP_OUTS, 10)
        .put(Metric.WRITEBACKS, 5).build();
    Metrics t = CostModel.DEFAULT.withTimes(m);
    // 3e6 * 1 + 1e5 * 30 + 1000 faults * 1000 = 7e6 cycles at 3 GHz = 2,333,333 ns
    assertEquals(2_333_333, t.getOr(Metric.CPU_TIME_NS, -1));
    // plus 100 major faults, 10 swap-outs and 5 write-backs at 100 us
    assertEquals(2_333_333 + 115 * 100_000, t.getOr(Metric.SIM_TIME_NS, -1));
  }
}
