package io.vmlab.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.format.Json;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.replay.TextbookPaging.Refs;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.config.MachineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full model (not policy study) on a machine too small for the trace: reclaim swaps dirty
 * anonymous pages out, later references swap them in (major faults), and the kernel's books still
 * balance afterwards (rmap, swap counts, RSS, page tables).
 */
class ReplayUnderPressureTest {
  private static PluginHost host;

  @TempDir
  Path tmp;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  /** 3000 references to 600 pages (2.3 MiB, more than 1 MiB of memory holds), a quarter writes. */
  private Path trace(long seed) throws Exception {
    Path f = tmp.resolve("pressure-" + seed + ".pages");
    Files.writeString(f, Refs.random(seed, 3000, 600, 0x10000).pageList());
    return f;
  }

  @ParameterizedTest(name = "seed {0}, {1}")
  @CsvSource({"21, lru-2q", "22, lru-2q", "23, fifo", "24, clock", "25, random"})
  void reclaimSwapsAndTheInvariantsHold(long seed, String policy) throws Exception {
    Path trace = trace(seed);
    CliRun.Result r = CliRun.vmlab("replay", "--machine", "x86_64-4level", "--trace", trace.toString(), "--memory",
        "1M", "--swap", "16M", "--policy", policy, "--json");
    assertEquals(0, r.code(), r.toString());
    JsonNode doc = Json.mapper().readTree(r.out());
    String why = "seed " + seed + " " + policy + ": " + r.out();
    assertEquals("full", doc.get("mode").asText());
    assertEquals(3000, doc.get("references").asLong(), why);
    assertTrue(doc.get("swapOuts").asLong() > 0, why);
    assertTrue(doc.get("majorFaults").asLong() > 0, why);
    assertEquals(doc.get("swapIns").asLong(), doc.get("majorFaults").asLong(),
        "every major fault is a swap-in: " + why);
    assertTrue(doc.get("reclaimScans").asLong() > 0, why);
    assertFalse(doc.get("oomKilled").asBoolean(), why);
    assertEquals(0, doc.get("segv").asLong(), why);

    MachineSpec m = KernelReplay.machine(host, "x86_64-4level");
    m = m.withMemory(1 << 20).withSwap(16 << 20).withPolicies(m.policies().withReplacement(policy));
    KernelReplay.Outcome o = KernelReplay.run(host, m, trace, null, 0);
    assertEquals(List.of(), new Invariants(o.kernel()).check(), why);
    // The same replay by hand counts what the command counted.
    assertEquals(doc.get("faults").asLong(), o.stats().faults(), why);
    assertEquals(doc.get("majorFaults").asLong(), o.stats().majorFaults(), why);
    assertEquals(doc.get("swapOuts").asLong(), o.swapOuts(), why);
    assertEquals(doc.get("regionsMapped").asLong(), o.stats().regionsMapped(), why);
  }

  /**
   * Without swap, the OOM killer ends the replay at the reference whose fault found no memory:
   * the count stops there (replaying only up to it with --limit gives the same counts).
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {31, 32})
  void withoutSwapTheOomKillerStopsTheReplayAtItsReference(long seed) throws Exception {
    Path trace = tmp.resolve("oom-" + seed + ".pages");
    StringBuilder sb = new StringBuilder();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    for (int i = 0; i < 600; i++) {
      sb.append(0x20000 + i).append(rnd.nextBoolean() ? "w" : "").append('\n');  // every reference a new page
    }
    Files.writeString(trace, sb.toString());
    MachineSpec m = KernelReplay.machine(host, "x86_64-4level").withMemory(1 << 20).withSwap(0);
    KernelReplay.Outcome o = KernelReplay.run(host, m, trace, null, 0);
    assertTrue(o.stats().oomKilled(), "seed " + seed);
    long n = o.stats().references();
    assertTrue(n > 0 && n < 600, "seed " + seed + ": " + o.stats());
    assertEquals(n, o.stats().regionsMapped(), "seed " + seed + ": the last reference mapped its page, then OOM");
    CliRun.Result limited = CliRun.vmlab("replay", "--machine", "x86_64-4level", "--trace", trace.toString(),
        "--memory", "1M", "--swap", "0", "--limit", Long.toString(n), "--json");
    assertEquals(0, limited.code(), limited.toString());
    JsonNode doc = Json.mapper().readTree(limited.out());
    assertTrue(doc.get("oomKilled").asBoolean(), limited.out());
    assertEquals(n, doc.get("references").asLong());
    assertEquals(o.stats().faults(), doc.get("faults").asLong());
    assertEquals(List.of(), new Invariants(o.kernel()).check(), "seed " + seed);
  }
}
