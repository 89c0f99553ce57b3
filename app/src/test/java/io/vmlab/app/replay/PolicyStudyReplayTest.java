package io.vmlab.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.replay.TextbookPaging.Counts;
import io.vmlab.app.replay.TextbookPaging.Refs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code vmlab replay --policy-study}: the textbook fault and write-back counts of issue 5 for
 * fifo, lru, opt and clock, through the kernel's TLB, page walk and fault path.
 */
class PolicyStudyReplayTest {
  private static final String CLASSIC = "7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1";
  private static final String WRITES = "1w,2,3,4w,1,2,5w,1w,2,3,4,5w";

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

  /** The counts of one replay, from its last line, after checking the command's contract. */
  static long[] replay(Path trace, String policy, int frames, String... more) {
    String[] args = {"replay", "--machine", "x86_64-4level", "--trace", trace.toString(), "--policy", policy,
        "--frames", Integer.toString(frames), "--policy-study", "--quiet"};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    CliRun.Result r = CliRun.vmlab(all);
    assertEquals(0, r.code(), r.toString());
    String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
    String[] f = last.split(" ");
    assertEquals(3, f.length, last);
    assertTrue(f[0].startsWith("references=") && f[1].startsWith("faults=") && f[2].startsWith("writebacks="), last);
    return new long[] {value(f[0]), value(f[1]), value(f[2])};
  }

  private static long value(String kv) {
    return Long.parseLong(kv.substring(kv.indexOf('=') + 1));
  }

  private Path pages(String name, Refs refs) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, refs.pageList());
    return f;
  }

  @ParameterizedTest(name = "belady.pages {0} {1} frames: {2} faults")
  @CsvSource({"fifo, 3, 9", "fifo, 4, 10", "lru, 3, 10", "lru, 4, 8", "opt, 3, 7", "opt, 4, 6", "clock, 3, 9",
      "clock, 4, 10"})
  void beladyString(String policy, int frames, long faults) {
    long[] c = replay(TestPaths.home().resolve("traces/belady.pages"), policy, frames);
    assertEquals(12, c[0]);
    assertEquals(faults, c[1], policy + " " + frames);
    assertEquals(0, c[2], "no writes, no write-backs");
    assertEquals(new Counts(faults, 0), TextbookPaging.run(policy, Refs.parse("1,2,3,4,1,2,5,1,2,3,4,5"), frames));
  }

  @ParameterizedTest(name = "{0}: {1} faults")
  @CsvSource({"fifo, 15", "lru, 12", "opt, 9", "clock, 14"})
  void classicTwentyReferencesAtThreeFrames(String policy, long faults) throws IOException {
    long[] c = replay(pages("classic.pages", Refs.parse(CLASSIC)), policy, 3);
    assertEquals(20, c[0]);
    assertEquals(faults, c[1], policy);
    assertEquals(0, c[2]);
  }

  @ParameterizedTest(name = "{0}: {1} faults, {2} write-backs")
  @CsvSource({"fifo, 9, 3", "lru, 10, 4", "opt, 7, 2", "clock, 9, 3"})
  void writeBacksAtThreeFrames(String policy, long faults, long writebacks) throws IOException {
    long[] c = replay(pages("writes.pages", Refs.parse(WRITES)), policy, 3);
    assertEquals(12, c[0]);
    assertEquals(faults, c[1], policy + " faults");
    assertEquals(writebacks, c[2], policy + " write-backs (dirty evictions; pages resident at the end not flushed)");
    assertEquals(new Counts(faults, writebacks), TextbookPaging.run(policy, Refs.parse(WRITES), 3));
  }

  /** Independent textbook implementations (and {@link TextbookPaging}) agree on these. */
  @ParameterizedTest(name = "ls {0} 32 frames: {1} faults, {2} write-backs")
  @CsvSource({"fifo, 12145, 2030", "lru, 7992, 813", "clock, 9121, 1044", "opt, 4660, 388"})
  void lsTraceAtThirtyTwoFrames(String policy, long faults, long writebacks) {
    long[] c = replay(TestPaths.home().resolve("traces/ls.lackey.zst"), policy, 32);
    assertEquals(1_215_528, c[0]);
    assertEquals(faults, c[1], policy + " faults");
    assertEquals(writebacks, c[2], policy + " write-backs");
  }

  /**
   * Seeded random strings with locality, at a random number of frames: the kernel's policy study
   * agrees with the textbook model (replays built in-process, the plugins loaded once).
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomStringsAgreeWithTheTextbookModel(long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    int distinct = 4 + r.nextInt(16);
    Refs refs = Refs.random(seed, 400, distinct, r.nextBoolean() ? 0 : 0x7f000);
    int frames = 1 + r.nextInt(distinct);
    Path f = pages("random-" + seed + ".pages", refs);
    for (String policy : new String[] {"fifo", "lru", "clock", "opt"}) {
      KernelReplay.Outcome o = KernelReplay.study(host, f, policy, frames);
      Counts want = TextbookPaging.run(policy, refs, frames);
      assertEquals(want, new Counts(o.stats().faults(), o.writebacks()), "seed " + seed + ", " + policy + ", "
          + frames + " frames, " + distinct + " pages");
    }
  }

  @Test
  void randomIsReproducibleFromTheMachineSeed() throws IOException {
    Path f = pages("random.pages", Refs.random(17, 2000, 40, 0x400));
    long[] a = replay(f, "random", 12);
    long[] b = replay(f, "random", 12);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "same seed, same counts");
    Path machine = tmp.resolve("seed-9.yaml");
    Files.writeString(machine, Files.readString(TestPaths.machine("x86_64-4level")).replace("seed: 1 ", "seed: 9 "));
    assertTrue(Files.readString(machine).contains("seed: 9 "), "the machine file sets the seed");
    long[] other = replayOn(machine, f, "random", 12);
    long[] again = replayOn(machine, f, "random", 12);
    assertEquals(java.util.Arrays.toString(other), java.util.Arrays.toString(again), "seed 9 twice");
    assertNotEquals(a[1], other[1], "seeds 1 and 9 choose different victims");
    assertTrue(a[1] > TextbookPaging.run("opt", Refs.random(17, 2000, 40, 0x400), 12).faults(), "random > opt");
  }

  private static long[] replayOn(Path machine, Path trace, String policy, int frames) {
    CliRun.Result r = CliRun.vmlab("replay", "--machine", machine.toString(), "--trace", trace.toString(),
        "--policy", policy, "--frames", Integer.toString(frames), "--policy-study", "--quiet");
    assertEquals(0, r.code(), r.toString());
    String[] f = r.out().lines().reduce((x, y) -> y).orElseThrow().split(" ");
    return new long[] {value(f[0]), value(f[1]), value(f[2])};
  }

  @Test
  void jsonHasTheSameCountsAndTheMode() throws Exception {
    Path f = pages("writes.pages", Refs.parse(WRITES));
    CliRun.Result r = CliRun.vmlab("replay", "--machine", "x86_64-4level", "--trace", f.toString(), "--policy", "lru",
        "--frames", "3", "--policy-study", "--json");
    assertEquals(0, r.code(), r.toString());
    var doc = io.vmlab.app.format.Json.mapper().readTree(r.out());
    assertEquals("policy-study", doc.get("mode").asText());
    assertEquals(3, doc.get("frames").asInt());
    assertEquals(12, doc.get("references").asLong());
    assertEquals(10, doc.get("faults").asLong());
    assertEquals(4, doc.get("writebacks").asLong());
    // Dirty user pages are anonymous: their evictions are the swap-outs, and coming back is a swap-in.
    assertEquals(4, doc.get("swapOuts").asLong());
    assertEquals(10, doc.get("minorFaults").asLong() + doc.get("majorFaults").asLong());
    assertEquals(doc.get("swapIns").asLong(), doc.get("majorFaults").asLong());
  }
}
