package io.vmlab.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code vmlab replay}: exit code 2, one line naming the file (and line and column
 * when there is one), no stack trace, and nothing on stdout (no partial counts).
 */
class ReplayErrorsTest {
  @TempDir
  Path tmp;

  /** Runs {@code vmlab replay args...} and returns its one error line, checking the contract. */
  private static String error(String... args) {
    List<String> all = new ArrayList<>(List.of("replay", "--quiet"));
    all.addAll(Arrays.asList(args));
    CliRun.Result r = CliRun.vmlab(all.toArray(String[]::new));
    assertEquals(2, r.code(), r.toString());
    assertEquals("", r.out(), "no partial output: " + r);
    assertEquals(1, r.errLines().size(), r.toString());
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r);
    return r.errLines().get(0);
  }

  private static String belady() {
    return TestPaths.home().resolve("traces/belady.pages").toString();
  }

  @Test
  void garbledLackeyLineNamesFileLineAndColumn() throws IOException {
    Path f = tmp.resolve("garbled.lackey");
    Files.writeString(f, "==7== Lackey\nI  04000b30,3\n L 04001000,8\n S 0400q000,4\n L 04002000,4\n");
    assertEquals(f + ":4:8: bad hex digit 'q' in the address (expected hex digits then a comma)",
        error("--machine", "x86_64-4level", "--trace", f.toString()));
  }

  @Test
  void truncatedZstdTrace() throws IOException {
    byte[] whole = Files.readAllBytes(TestPaths.home().resolve("traces/ls.lackey.zst"));
    Path f = tmp.resolve("cut.lackey.zst");
    Files.write(f, Arrays.copyOf(whole, whole.length / 8));
    String line = error("--machine", "x86_64-4level", "--trace", f.toString());
    assertTrue(line.startsWith(f + ": truncated or corrupt zstd data"), line);
  }

  @Test
  void truncatedZstdTraceInPolicyStudyWithOpt() throws IOException {
    // OPT reads the whole trace first (its next-use index): the same error, before any output.
    byte[] whole = Files.readAllBytes(TestPaths.home().resolve("traces/ls.lackey.zst"));
    Path f = tmp.resolve("cut-opt.lackey.zst");
    Files.write(f, Arrays.copyOf(whole, whole.length - 100));
    String line = error("--machine", "x86_64-4level", "--trace", f.toString(), "--policy", "opt", "--frames", "8",
        "--policy-study");
    assertTrue(line.startsWith(f + ": truncated or corrupt zstd data"), line);
  }

  @Test
  void policyStudyNeedsFrames() {
    assertEquals("--policy-study needs --frames N (the frames user pages get)",
        error("--machine", "x86_64-4level", "--trace", belady(), "--policy-study"));
  }

  @Test
  void framesNeedPolicyStudy() {
    assertEquals("--frames is for --policy-study; to size memory use --memory",
        error("--machine", "x86_64-4level", "--trace", belady(), "--frames", "3"));
  }

  @Test
  void unknownPolicyListsTheAvailableOnes() {
    String line = error("--machine", "x86_64-4level", "--trace", belady(), "--policy", "lfu", "--frames", "3",
        "--policy-study");
    assertTrue(line.startsWith("--policy lfu: no such replacement policy (available: "), line);
    for (String p : new String[] {"clock", "fifo", "lru", "lru-2q", "opt", "random"}) {
      assertTrue(line.contains(" " + p + ",") || line.contains(" " + p + ")"), p + " in: " + line);
    }
  }

  @Test
  void malformedMapsFiles() throws IOException {
    Path ok = tmp.resolve("ok.pages");
    Files.writeString(ok, "0x400\n");
    String[][] cases = {
        {"00400000-00401000 r-xp 00000000 08:01 42 /bin/x\n00401000 r--p 00001000 08:01 42 /bin/x\n",
            ":2:1: bad number in '00401000 r--p"},
        {"00400000-00401000 r-xp 00000000 08:01 42 /bin/x\n00401000-00402000 rq-p 00001000 08:01 42 /bin/x\n",
            ":2:19: bad permissions 'rq-p' (expected four characters like r-xp)"},
        {"00401000-00400000 r-xp 00000000 08:01 42 /bin/x\n",
            ":1:1: bad range 00401000-00400000 (page-aligned start below end expected)"},
        {"00400000-00401000 r-xp 00000000 0801 42 /bin/x\n",
            ":1:33: bad device '0801' (expected major:minor in hex, like 08:01)"},
        {"00400000-00401000 r-xp\n", ":1:1: expected 'start-end perms offset dev inode [path]', got '00400000"},
        {"# nothing\n\n", ": the maps file has no mappings"},
    };
    for (String[] c : cases) {
      Path maps = tmp.resolve("bad.maps");
      Files.writeString(maps, c[0]);
      String line = error("--machine", "x86_64-4level", "--trace", ok.toString(), "--maps", maps.toString());
      assertTrue(line.startsWith(maps + c[1]), "expected '" + maps + c[1] + "...' got: " + line);
    }
  }

  @Test
  void missingMapsFile() throws IOException {
    Path maps = tmp.resolve("nope.maps");
    assertEquals(maps + ": no such maps file", error("--machine", "x86_64-4level", "--trace", belady(), "--maps",
        maps.toString()));
  }

  @Test
  void mapsLineThisMachineCannotMap() throws IOException {
    Path ok = tmp.resolve("ok.pages");
    Files.writeString(ok, "0x400\n");
    Path maps = tmp.resolve("x86_64.maps");
    Files.writeString(maps, "00400000-00401000 r-xp 00000000 08:01 42 /bin/x\n"
        + "7ffff7ff0000-7ffff7ff1000 rw-p 00000000 00:00 0\n");
    String line = error("--machine", "ia32-2level", "--trace", ok.toString(), "--maps", maps.toString());
    assertTrue(line.startsWith(maps + ":2:1: cannot map 7ffff7ff0000-7ffff7ff1000 on this machine"), line);
  }

  @Test
  void x86_64TraceOnIa32NamesTheTraceAndTheAddress() {
    Path ls = TestPaths.home().resolve("traces/ls.lackey.zst");
    String line = error("--machine", "ia32-2level", "--trace", ls.toString());
    assertTrue(line.startsWith(ls + ": reference "), line);
    assertTrue(line.contains("which this machine cannot map for a user process (mmap: ENOMEM; TASK_SIZE 0xc0000000"),
        line);
  }

  @Test
  void missingTraceAndBadSizes() {
    Path nope = tmp.resolve("nope.pages");
    assertEquals(nope + ": no such file", error("--machine", "x86_64-4level", "--trace", nope.toString()));
    assertTrue(error("--machine", "x86_64-4level", "--trace", belady(), "--memory", "12Q")
        .startsWith("--memory 12Q: "));
    assertEquals("--frames must be at least 1, not 0",
        error("--machine", "x86_64-4level", "--trace", belady(), "--frames", "0", "--policy-study"));
  }
}
