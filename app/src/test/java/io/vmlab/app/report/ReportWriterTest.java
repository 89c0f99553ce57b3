package io.vmlab.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.report.io.Manifest;
import io.vmlab.app.report.model.ExperimentResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir
  Path dir;

  @Test
  void writesTheLayoutWithTheManifestLast() throws IOException {
    ExperimentResult r = SampleResults.full(2);
    List<String> files = ReportWriter.write(r, dir, ReportWriter.Options.DEFAULT);
    assertEquals("manifest.json", files.get(files.size() - 1));
    assertTrue(files.containsAll(List.of("results.csv", "results.json", "report.html",
        "plots/faults-vs-memory.png", "plots/faults-vs-memory.svg", "plots/page-tables.png",
        "plots/address-space-r9-p1-end.svg")), files.toString());
    try (Stream<Path> all = Files.walk(dir)) {
      List<String> onDisk = all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
      assertEquals(files.stream().sorted().toList(), onDisk, "nothing else, no temporary files");
    }
    for (String f : files) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    Manifest m = Manifest.read(dir.resolve("manifest.json"));
    assertEquals(r.configHash(), m.configHash());
    assertEquals(18, m.runIndices().size());
    assertEquals(files, m.files());
  }

  @Test
  void aFailedRewriteLeavesNoManifest() throws IOException {
    ReportWriter.write(SampleResults.full(2), dir, ReportWriter.Options.DEFAULT);
    Files.delete(dir.resolve("results.csv"));
    Files.createDirectory(dir.resolve("results.csv"));
    Files.writeString(dir.resolve("results.csv/keep"), "x");
    try {
      ReportWriter.write(SampleResults.full(3), dir, ReportWriter.Options.DEFAULT);
    } catch (RuntimeException expected) {
      assertTrue(expected.getMessage().contains("results.csv"), expected.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("manifest.json")), "an incomplete directory has no manifest");
  }

  @Test
  void tableOnStdoutIsAlignedPlainDigits() {
    String table = ResultsTable.render(SampleResults.full(2));
    List<String> lines = table.lines().toList();
    assertEquals(19, lines.size());
    assertTrue(lines.get(0).matches(" *# +machine +policy +memory +refs +faults +major .*sim time"), lines.get(0));
    assertTrue(lines.get(1).matches(" *0 +ia32-2level +fifo +4 MiB +\\d+ +\\d+ +\\d+ .* (ms|µs|s)"), lines.get(1));
    int width = lines.get(0).length();
    assertTrue(lines.stream().allMatch(l -> l.length() <= width + 2), table);
  }
}
