package io.vmlab.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vmlab demo} shows the four bundled machines side by side with their real values, then
 * runs the quick-start experiment.
 */
class DemoTest {
  @TempDir
  Path out;

  @Test
  void demoComparesTheFourBundledMachinesAndRunsTheQuickStart() {
    CliRun.Result r = CliRun.vmlab("demo", "-q", "-o", out.toString());
    assertEquals(0, r.code(), r.toString());
    assertEquals("", r.err());
    String out = r.out();
    String header = out.lines().filter(l -> l.trim().startsWith("level ")).findFirst().orElseThrow();
    assertTrue(header.matches("\\s*level\\s+ia32-2level\\s+ia32-pae\\s+x86_64-4level\\s+x86_64-5level"), header);
    String pgd = row(out, "pgd");
    assertTrue(pgd.matches("\\s*pgd\\s+22/10\\s+1024\\s+30/2\\s+4\\s+39/9\\s+512\\s+48/9\\s+512"), pgd);
    String p4d = row(out, "p4d");
    assertTrue(p4d.matches("\\s*p4d\\s+folded\\s+folded\\s+folded\\s+39/9\\s+512"), p4d);
    assertTrue(row(out, "mmap_base").matches(
        "\\s*mmap_base\\s+0xb8000000\\s+0xb8000000\\s+0x7ffff7fff000\\s+0x7ffff7fff000"), row(out, "mmap_base"));
    assertTrue(row(out, "TASK_SIZE").matches(
        "\\s*TASK_SIZE\\s+0xc0000000\\s+0xc0000000\\s+0x7ffffffff000\\s+0xfffffffffff000"), row(out, "TASK_SIZE"));
    assertTrue(row(out, "ia32-2level").matches("\\s*ia32-2level\\s+0xb7fff000\\s+pgd 735 > pte 1023 > offset 0x0"), out);
    assertTrue(row(out, "x86_64-5level").contains("pgd 0 > p4d 255 > pud 511 > pmd 447 > pte 510"), out);
    // The quick start: 2 machines x 5 memory sizes x 2 policies, in sweep order, and its report.
    assertTrue(out.contains("Quick start:"), out);
    assertTrue(row(out, "0").matches("\\s*0\\s+ia32-2level\\s+lru-2q\\s+3 MiB.*"), row(out, "0"));
    assertTrue(row(out, "19").matches("\\s*19\\s+x86_64-4level\\s+fifo\\s+8 MiB.*"), row(out, "19"));
    for (String f : List.of("report.html", "results.csv", "results.json", "manifest.json")) {
      assertTrue(Files.isRegularFile(this.out.resolve(f)), f);
    }
  }

  @Test
  void demoCanCompareOtherMachines() {
    CliRun.Result r = CliRun.vmlab("demo", "--no-experiment", "--machine", "ia32-2level", "--machine", "x86_64-4level");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("vmlab demo: 2 machines"), r.out());
    assertTrue(!r.out().contains("ia32-pae"), r.out());
    assertTrue(!r.out().contains("Quick start"), r.out());
  }

  @Test
  void sectionsAreListedInOutputOrder() {
    List<DemoSection> sections = Demo.sections();
    assertEquals(3, sections.size());
    assertTrue(sections.get(0) instanceof PagingLevelsSection);
    assertTrue(sections.get(2) instanceof SampleTranslationSection);
  }

  /** The last line whose first word is {@code label}. */
  private static String row(String out, String label) {
    return out.lines().filter(l -> l.trim().startsWith(label + " ")).reduce((a, b) -> b).orElseThrow(
        () -> new AssertionError("no row " + label + " in\n" + out));
  }
}
