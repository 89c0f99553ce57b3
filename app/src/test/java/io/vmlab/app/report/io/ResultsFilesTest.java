package io.vmlab.app.report.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmlab.app.TestPaths;
import io.vmlab.app.UserError;
import io.vmlab.app.report.SampleResults;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultsFilesTest {
  @TempDir
  Path dir;

  @Test
  void csvHasTheDocumentedColumnsInOrder() throws IOException {
    List<String> columns = ResultsCsv.columns();
    assertEquals(List.of("index", "experiment", "machine", "arch", "paging", "policy", "memory_bytes", "params",
        "references", "faults", "minor_faults", "major_faults", "swap_ins", "swap_outs", "writebacks",
        "reclaim_scans", "tlb_hits", "tlb_misses", "walk_levels", "page_table_bytes", "rss_bytes", "swap_bytes",
        "oom_kills", "cpu_time_ns", "sim_time_ns"), columns);
    // docs/results.md lists the same columns in a table, in the same order.
    String doc = Files.readString(TestPaths.home().resolve("docs/results.md"));
    List<String> documented = new ArrayList<>();
    for (String line : doc.split("\n")) {
      if (line.matches("\\| `[a-z_]+` \\|.*") && documented.size() < columns.size()) {
        documented.add(line.substring(3, line.indexOf('`', 3)));
      }
    }
    assertEquals(columns, documented);
  }

  @Test
  void csvRowsAreRunsInSweepOrderWithPlainNumbers() throws IOException {
    ExperimentResult r = SampleResults.full(5);
    StringWriter w = new StringWriter();
    ResultsCsv.write(r, w);
    List<List<String>> records = CsvParser.parse(w.toString());
    assertEquals(ResultsCsv.columns(), records.get(0));
    assertEquals(r.runs().size() + 1, records.size());
    for (int i = 0; i < r.runs().size(); i++) {
      RunResult run = r.runs().get(i);
      List<String> rec = records.get(i + 1);
      assertEquals(Integer.toString(run.index()), rec.get(0));
      assertEquals("machines=" + run.machine() + ";policies.replacement=" + run.policy() + ";machine.memory="
          + (run.memoryBytes() >> 20) + "M", rec.get(7));
      assertEquals(Long.toString(run.metrics().getOr(Metric.FAULTS, -1)), rec.get(9));
      assertEquals("", rec.get(ResultsCsv.columns().indexOf("oom_kills")), "unmeasured is empty");
      assertTrue(rec.stream().allMatch(f -> !f.matches(".*\\d[ ,.]\\d{3}.*")), "no grouping: " + rec);
    }
  }

  @Test
  void jsonHasTheSchemaFields() throws IOException {
    ExperimentResult r = SampleResults.shard(5, io.vmlab.app.report.model.Shard.parse("2/3"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultsJson.write(r, out);
    JsonNode root = new ObjectMapper().readTree(out.toByteArray());
    List<String> keys = new ArrayList<>();
    root.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("schemaVersion", "vmlabVersion", "experiment", "seed", "configHash", "sweep", "plugins",
        "costModel", "config", "runs"), keys);
    assertEquals(1, root.get("schemaVersion").asInt());
    assertEquals(5, root.get("seed").asLong());
    assertEquals("2/3", root.at("/sweep/shard").asText());
    assertEquals(18, root.at("/sweep/size").asInt());
    assertEquals("arch-ia32", root.at("/plugins/0/id").asText(), "plugins sorted by id");
    assertEquals(3_000_000_000L, root.at("/costModel/cpu_hz").asLong());
    assertEquals("quotes \" and, commas <b>", root.at("/config/note").asText());
    JsonNode run = root.at("/runs/0");
    assertEquals(1, run.get("index").asInt());
    Iterator<String> metricKeys = run.get("metrics").fieldNames();
    assertEquals("references", metricKeys.next());
    JsonNode first = root.at("/runs/3");
    assertEquals(10, first.get("index").asInt());
  }

  @Test
  void jsonAddressesAreHexStrings() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultsJson.write(SampleResults.full(1), out);
    JsonNode vma = new ObjectMapper().readTree(out.toByteArray()).at("/runs/9/addressSpaces/0/vmas/0");
    assertEquals("0x555555554000", vma.get("start").asText());
    assertEquals("/usr/bin/cat", vma.get("name").asText());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 99, 123456789})
  void jsonIsDeterministicAndReadsBack(long seed) throws IOException {
    ExperimentResult r = SampleResults.full(seed);
    ResultsJson.write(r, dir.resolve("a.json"));
    ResultsJson.write(SampleResults.full(seed), dir.resolve("b.json"));
    byte[] a = Files.readAllBytes(dir.resolve("a.json"));
    assertArrayEquals(a, Files.readAllBytes(dir.resolve("b.json")), "seed " + seed);
    ExperimentResult back = ResultsJsonReader.read(dir.resolve("a.json"));
    assertEquals(r, back, "seed " + seed);
    ResultsJson.write(back, dir.resolve("c.json"));
    assertArrayEquals(a, Files.readAllBytes(dir.resolve("c.json")), "seed " + seed + ": rewrite");
  }

  @Test
  void readerNamesTheFileAndThePlace() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ResultsJson.write(SampleResults.full(3), out);
    String json = out.toString(StandardCharsets.UTF_8);
    Path bad = dir.resolve("results.json");
    Files.writeString(bad, json.replaceFirst("\"index\" : 2,", "\"index\" : \"two\","));
    UserError e = assertThrows(UserError.class, () -> ResultsJsonReader.read(bad));
    assertEquals(bad + ": runs[2].index: is not a 32-bit integer", e.getMessage());
    Files.writeString(bad, json.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
    e = assertThrows(UserError.class, () -> ResultsJsonReader.read(bad));
    assertEquals(bad + ": schemaVersion: 2 is not the version this vmlab reads (1)", e.getMessage());
    Files.writeString(bad, json.substring(0, json.length() / 2));
    e = assertThrows(UserError.class, () -> ResultsJsonReader.read(bad));
    assertTrue(e.getMessage().startsWith(bad + ": not valid JSON"), e.getMessage());
  }
}
