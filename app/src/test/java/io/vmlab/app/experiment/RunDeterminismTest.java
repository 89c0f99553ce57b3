package io.vmlab.app.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vmlab run} gives the same bytes however it is spread: one thread or several, or three
 * shards joined by {@code vmlab merge}. The experiment reclaims and swaps, uses the seeded random
 * policy, forks, and replays a trace, so anything that depended on the threads would show.
 */
class RunDeterminismTest {
  @TempDir
  Path dir;

  private Path experiment;

  @BeforeEach
  void write() throws IOException {
    experiment = dir.resolve("det.yaml");
    Files.writeString(experiment, String.join("\n",
        "experiment:",
        "  name: det",
        "  seed: 5",
        "  machines: [x86_64-4level, ia32-2level]",
        "  processes:",
        "    - name: app",
        "      steps:",
        "        - mmap: {id: a, length: 1536K, prot: rw-}",
        "        - touch: {addr: a, length: 1536K, mode: write, value: 1}",
        "        - fork:",
        "            steps:",
        "              - touch: {addr: a, length: 256K, mode: write, value: 2}",
        "        - touch: {addr: a, length: 512K, mode: read}",
        "        - maps",
        "    - name: trace",
        "      steps:",
        "        - replay: {trace: " + TestPaths.home().resolve("traces/belady.pages") + "}",
        "  sweep:",
        "    machine.memory: [1M, 2M]",
        "    machine.policies.replacement: [fifo, random]",
        "  outputs:",
        "    png: false",
        "    svg: false",
        ""));
  }

  private CliRun.Result run(String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "run";
    args[1] = experiment.toString();
    args[2] = "--quiet";
    System.arraycopy(extra, 0, args, 3, extra.length);
    CliRun.Result r = CliRun.vmlab(args);
    assertEquals(0, r.code(), r.toString());
    return r;
  }

  private static void assertSameResults(Path a, Path b) throws IOException {
    for (String f : new String[] {"results.csv", "results.json"}) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + ": " + a + " vs " + b);
    }
  }

  @Test
  void threadsAndShardsGiveByteIdenticalResults() throws IOException {
    Path one = dir.resolve("jobs1");
    Path three = dir.resolve("jobs3");
    run("--jobs", "1", "--output", one.toString());
    run("--jobs", "3", "--output", three.toString());
    assertSameResults(one, three);
    String csv = Files.readString(one.resolve("results.csv"));
    assertEquals(9, csv.lines().count(), "a header and 8 runs:\n" + csv);
    assertTrue(csv.lines().skip(1).anyMatch(l -> l.contains(",random,")), csv);

    for (int i = 1; i <= 3; i++) {
      CliRun.Result r = run("--jobs", "2", "--shard", i + "/3", "--output", dir.resolve("part" + i).toString());
      assertTrue(r.out().contains("(shard " + i + "/3 of a sweep of 8)"), r.out());
    }
    Path merged = dir.resolve("merged");
    CliRun.Result m = CliRun.vmlab("merge", "--output", merged.toString(), dir.resolve("part3").toString(),
        dir.resolve("part1").toString(), dir.resolve("part2").toString());
    assertEquals(0, m.code(), m.toString());
    assertSameResults(one, merged);
  }

  @Test
  void theTableIsTheSameWithOneThreadOrThree() {
    CliRun.Result a = CliRun.vmlab("run", experiment.toString(), "--no-files", "--jobs", "1");
    CliRun.Result b = CliRun.vmlab("run", experiment.toString(), "--no-files", "--jobs", "3");
    assertEquals(0, a.code(), a.toString());
    assertEquals(a.out(), b.out());
    assertTrue(a.out().endsWith("det: 8 runs\n"), a.out());
  }
}
