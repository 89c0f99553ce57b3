package io.vmlab.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlab.app.CliRun;
import io.vmlab.app.format.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code vmlab bench vma}: the command runs every case (briefly here: this is no measurement,
 * timing belongs to the command, not to unit tests) and reports them as text or JSON.
 */
class BenchVmaCommandTest {
  @Test
  void jsonReportHasEveryCaseAndTheSlowdowns() throws Exception {
    CliRun.Result r = CliRun.vmlab("bench", "vma", "--seconds", "0.01", "--rounds", "1", "--warmup", "0", "--json");
    assertEquals(0, r.code(), r.toString());
    JsonNode report = Json.mapper().readTree(r.out());
    assertEquals("x86_64-4level", report.get("machine").asText());
    assertEquals(200000, report.get("max_map_count").asInt());
    List<String> cases = new ArrayList<>();
    for (JsonNode c : report.get("cases")) {
      cases.add(c.get("case").asText() + "@" + c.get("vmas").asInt());
      assertTrue(c.get("ops_per_cpu_second_median").asDouble() > 0, c.toString());
      assertTrue(c.get("ops_per_wall_second_median").asDouble() > 0, c.toString());
    }
    assertEquals(List.of("mmap+munmap@1000", "mmap+munmap@60000", "mprotect split+merge@1000",
        "mprotect split+merge@60000"), cases);
    assertTrue(report.get("slowdown_1000_to_60000").get("mmap+munmap").asDouble() > 0);
    assertTrue(report.get("targets_met").isBoolean());
  }

  @Test
  void textReportNamesTheMachineAndTargets() {
    CliRun.Result r = CliRun.vmlab("bench", "vma", "--machine", "ia32-pae", "--seconds", "0.01", "--rounds", "1",
        "--warmup", "0");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("vmlab bench vma: ia32-pae (kernel 6.1, max_map_count 200000)"), r.out());
    for (String s : List.of("mmap+munmap", "mprotect split+merge", "60,000", ">= 1,500,000", "targets of issue 3")) {
      assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
    }
  }

  @Test
  void badDurationIsAUsageError() {
    CliRun.Result r = CliRun.vmlab("bench", "vma", "--seconds", "0");
    assertEquals(2, r.code(), r.toString());
    assertEquals(List.of("--seconds: must be more than 0 and at most 3600, got 0.0"), r.errLines());
  }

  @Test
  void benchWithoutABenchmarkIsAUsageError() {
    CliRun.Result r = CliRun.vmlab("bench");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("missing benchmark"), r.err());
    assertTrue(r.err().contains("vma"), r.err());
  }

  @Test
  void benchVmaHasHelp() {
    CliRun.Result r = CliRun.vmlab("bench", "vma", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Usage: vmlab bench vma"), r.out());
    assertTrue(r.out().contains("--seconds"), r.out());
    assertTrue(r.out().contains("Exit codes:"), r.out());
  }
}
