package io.vmlab.app.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlab.app.CliRun;
import io.vmlab.app.format.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vmlab trace stats|convert} and {@code vmlab bench trace} through the real command line. */
class TraceCommandsTest {
  @TempDir
  Path tmp;

  @Test
  void statsText() {
    CliRun.Result r = CliRun.vmlab("trace", "stats", TraceFiles.vendored("ls.lackey.zst").toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("lines           1,214,711 (25 without a reference)"), r.out());
    assertTrue(r.out().contains("accesses        1,214,686:  I 897,742  L 213,158  S 100,596  M 3,190"), r.out());
    assertTrue(r.out().contains("page splits     842 "), r.out());
    assertTrue(r.out().contains("references      1,215,528 after splitting"), r.out());
    assertTrue(r.out().contains("distinct pages  321\n"), r.out());
    assertTrue(r.out().contains("footprint       ~1.3 MiB (321 x 4 KiB)"), r.out());
  }

  @Test
  void convertThenStatsAsJsonAgree() throws Exception {
    Path bin = tmp.resolve("ls.vmtrace");
    CliRun.Result c = CliRun.vmlab("trace", "convert", TraceFiles.vendored("ls.lackey.zst").toString(), bin.toString());
    assertEquals(0, c.code(), c.toString());
    assertTrue(c.out().startsWith(bin + ": 1,215,528 references"), c.out());
    JsonNode a = Json.mapper().readTree(CliRun.vmlab("trace", "stats", "--json", TraceFiles.vendored("ls.lackey.zst").toString()).out());
    JsonNode b = Json.mapper().readTree(CliRun.vmlab("trace", "stats", "--json", bin.toString()).out());
    assertEquals("binary", b.get("format").asText());
    for (String k : new String[] {"lines", "skippedLines", "accesses", "splitReferences", "references", "referencesByKind",
        "distinctPages", "footprintBytes", "lowestAddress", "highestAddress"}) {
      assertEquals(a.get(k), b.get(k), k);
    }
    assertEquals(1215528, b.get("references").asLong());
  }

  @Test
  void forcedFormatAndBadLevel() throws Exception {
    Path f = tmp.resolve("x.txt");
    Files.writeString(f, "1,2,3\n");
    CliRun.Result r = CliRun.vmlab("trace", "stats", "--format", "binary", f.toString());
    assertEquals(2, r.code());
    assertEquals(f + ": not a vmlab binary trace (only 6 bytes)", r.errLines().get(0));
    r = CliRun.vmlab("trace", "convert", "--level", "30", f.toString(), tmp.resolve("y").toString());
    assertEquals(2, r.code());
    assertTrue(r.errLines().get(0).contains("--level must be 0-19"), r.toString());
  }

  @Test
  void benchRunsOnASmallTrace() throws Exception {
    TraceFiles.Lackey t = TraceFiles.randomLackey(3, 50_000);
    Path f = TraceFiles.write(tmp.resolve("small.zst"), t.text(), "zstd");
    CliRun.Result r = CliRun.vmlab("bench", "trace", "--trace", f.toString(), "--opt", "--temp-dir", tmp.resolve("b").toString(), "--json");
    assertEquals(0, r.code(), r.toString());
    JsonNode j = Json.mapper().readTree(r.out());
    assertEquals(6, j.get("stages").size());
    assertEquals(t.refs().length, j.get("stages").get(1).get("references").asLong());
    assertEquals(t.lines(), j.get("stages").get(1).get("lines").asLong());
  }
}
