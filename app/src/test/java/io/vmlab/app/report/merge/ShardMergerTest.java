package io.vmlab.app.report.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.UserError;
import io.vmlab.app.report.ReportWriter;
import io.vmlab.app.report.SampleResults;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardMergerTest {
  @TempDir
  Path dir;

  private List<Path> shards(long seed, int n) {
    List<Path> dirs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Path d = dir.resolve("part" + i);
      ReportWriter.write(SampleResults.shard(seed, new Shard(i, n)), d, ReportWriter.Options.DEFAULT);
      dirs.add(d);
    }
    return dirs;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3, 5})
  void mergedShardsEqualTheWholeSweep(long seed) throws IOException {
    int n = 1 + new SplittableRandom(seed).nextInt(5);
    List<Path> parts = new ArrayList<>(shards(seed, n));
    java.util.Collections.reverse(parts);
    ExperimentResult merged = ShardMerger.merge(parts);
    assertEquals(SampleResults.full(seed), merged, "seed " + seed + ", " + n + " shards");
    Path whole = dir.resolve("whole");
    // The whole sweep written as vmlab run writes it (the options its result asks for).
    ReportWriter.write(SampleResults.full(seed), whole, ReportWriter.Options.of(SampleResults.full(seed)));
    Path out = dir.resolve("merged");
    List<String> args = new ArrayList<>(List.of("merge", "-q", "-o", out.toString()));
    parts.forEach(p -> args.add(p.toString()));
    CliRun.Result res = CliRun.vmlab(args.toArray(String[]::new));
    assertEquals(0, res.code(), res.toString());
    assertEquals("merged " + n + " parts of sample-sweep: 18 runs -> " + out + "\n", res.out());
    for (String f : List.of("results.csv", "results.json", "report.html", "manifest.json")) {
      assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(out.resolve(f)), "seed " + seed + " " + f);
    }
  }

  @Test
  void differentSeedsAreRefused() {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    ReportWriter.write(SampleResults.shard(1, new Shard(1, 2)), a, ReportWriter.Options.DEFAULT);
    ReportWriter.write(SampleResults.shard(2, new Shard(2, 2)), b, ReportWriter.Options.DEFAULT);
    UserError e = assertThrows(UserError.class, () -> ShardMerger.merge(List.of(a, b)));
    // The config holds the seed too, but the seed is checked first and named.
    assertEquals("vmlab merge: " + a + " and " + b + " are not parts of one experiment run: seed 1 in " + a
        + ", 2 in " + b, e.getMessage());
  }

  @Test
  void duplicateAndMissingShardsAreNamed() {
    List<Path> parts = shards(6, 4);
    UserError dup = assertThrows(UserError.class,
        () -> ShardMerger.merge(List.of(parts.get(0), parts.get(1), parts.get(1), parts.get(3))));
    assertEquals(List.of(
        "vmlab merge: shard 2/4 is given more than once: " + parts.get(1) + ", " + parts.get(1),
        "vmlab merge: missing runs (of 18): 2, 6, 10, 14; not given: shard 3/4"), dup.lines());
    UserError missing = assertThrows(UserError.class, () -> ShardMerger.merge(List.of(parts.get(0), parts.get(3))));
    assertEquals(List.of("vmlab merge: missing runs (of 18): 1, 2, 5, 6, 9, 10, 13, 14, 17; not given: shards 2/4, 3/4"),
        missing.lines());
  }

  @Test
  void aRunInTwoDirectoriesIsNamed() {
    Path whole = dir.resolve("whole");
    ReportWriter.write(SampleResults.full(9), whole, ReportWriter.Options.DEFAULT);
    Path again = dir.resolve("again");
    ReportWriter.write(SampleResults.full(9), again, ReportWriter.Options.DEFAULT);
    UserError e = assertThrows(UserError.class, () -> ShardMerger.merge(List.of(whole, again)));
    assertEquals("vmlab merge: duplicate runs: 0 (in " + whole + ", " + again + "), 1 (in " + whole + ", " + again
        + "), 2 (in " + whole + ", " + again + "), 3 (in " + whole + ", " + again + "), 4 (in " + whole + ", " + again
        + "), 5 (in " + whole + ", " + again + "), 6 (in " + whole + ", " + again + "), 7 (in " + whole + ", " + again
        + "), 8 (in " + whole + ", " + again + "), 9 (in " + whole + ", " + again + "), 10 (in " + whole + ", " + again
        + "), 11 (in " + whole + ", " + again + ") and 6 more", e.getMessage());
  }

  @Test
  void anUnfinishedDirectoryIsRefused() throws IOException {
    List<Path> parts = shards(7, 2);
    Files.delete(parts.get(1).resolve("manifest.json"));
    CliRun.Result res = CliRun.vmlab("merge", "-o", dir.resolve("m").toString(), parts.get(0).toString(),
        parts.get(1).toString());
    assertEquals(2, res.code(), res.toString());
    assertEquals(List.of(parts.get(1) + ": no manifest.json: not a vmlab output directory, or its run did not finish"),
        res.errLines());
    assertFalse(Files.exists(dir.resolve("m")), "nothing written");
  }

  @Test
  void shardsOfAnotherConfigAreRefused() throws IOException {
    List<Path> parts = shards(8, 2);
    Path json = parts.get(1).resolve("results.json");
    String edited = Files.readString(json).replace("\"note\" : \"quotes", "\"note\" : \"other quotes");
    Files.writeString(json, edited);
    UserError e = assertThrows(UserError.class, () -> ShardMerger.merge(parts));
    assertTrue(e.getMessage().startsWith(json + ": configHash: does not match"), e.getMessage());
  }
}
