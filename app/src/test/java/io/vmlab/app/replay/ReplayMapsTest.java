package io.vmlab.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.format.Json;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.proc.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vmlab replay --maps}: the VMAs of a recorded {@code /proc/PID/maps} instead of mapping on
 * first touch. A file mapping's pages start uncached, so its first reference is a major fault;
 * a reference no VMA permits is SIGSEGV, counted and skipped.
 */
class ReplayMapsTest {
  private static final String MAPS = ""
      + "00400000-00402000 r-xp 00000000 08:01 1234 /usr/bin/prog\n"
      + "00600000-00604000 rw-p 00000000 00:00 0\n";

  /**
   * Exec of the file's page 0 (major fault: read from the file, with read-around bringing page 1
   * into the page cache), exec of page 1 (a minor fault: in the cache, not yet mapped), a read of
   * page 0 (mapped: no fault), a write and a read of two anonymous pages (minor faults: the read
   * maps the zero page), a read outside every VMA (SIGSEGV), a write to the r-x mapping (SIGSEGV),
   * and a write to the zero-page-mapped page (a minor copy-on-write fault).
   */
  private static final String TRACE = ""
      + "==1== Lackey\n"
      + "I  00400000,4\n"
      + "I  00401ffc,4\n"
      + " L 00400100,4\n"
      + " S 00600000,8\n"
      + " L 00601000,8\n"
      + " L 00700000,4\n"
      + " S 00400200,4\n"
      + " S 00601008,8\n";

  @TempDir
  Path tmp;

  @Test
  void fileMappingMajorFaultsAndSegvOutsideAndOnWriteToText() throws Exception {
    Path maps = tmp.resolve("prog.maps");
    Files.writeString(maps, MAPS);
    Path trace = tmp.resolve("prog.lackey");
    Files.writeString(trace, TRACE);
    CliRun.Result r = CliRun.vmlab("replay", "--machine", "x86_64-4level", "--trace", trace.toString(), "--maps",
        maps.toString(), "--json");
    assertEquals(0, r.code(), r.toString());
    JsonNode doc = Json.mapper().readTree(r.out());
    assertEquals(maps.toString(), doc.get("vmas").asText());
    assertEquals(8, doc.get("references").asLong());
    assertEquals(2, doc.get("segv").asLong(), "outside every VMA, and a write to r-x");
    assertEquals(1, doc.get("majorFaults").asLong(), "the file's first page is read from the file");
    assertEquals(4, doc.get("minorFaults").asLong(), "file page 1 from the cache, anon write, zero page, COW");
    assertEquals(0, doc.get("regionsMapped").asLong(), "nothing mapped on first touch");

    CliRun.Result text = CliRun.vmlab("replay", "--machine", "x86_64-4level", "--trace", trace.toString(), "--maps",
        maps.toString());
    assertEquals(0, text.code(), text.toString());
    assertTrue(text.out().contains("VMAs: from " + maps + "\n"), text.out());
    assertTrue(text.out().contains("2 references were not permitted by their VMA (SIGSEGV) and were skipped"),
        text.out());
    assertTrue(text.out().endsWith("references=8 faults=5 writebacks=0\n"), text.out());
  }

  @Test
  void theProcessHasTheRecordedVmasAndTheKernelStaysConsistent() throws Exception {
    Path maps = tmp.resolve("prog.maps");
    Files.writeString(maps, MAPS);
    Path trace = tmp.resolve("prog.lackey");
    Files.writeString(trace, TRACE);
    try (PluginHost host = PluginHost.load(TestPaths.plugins())) {
      KernelReplay.Outcome o = KernelReplay.run(host, KernelReplay.machine(host, "x86_64-4level"), trace, maps, 0);
      assertEquals(2, o.stats().segv());
      Task t = o.kernel().tasks().iterator().next();
      List<String> lines = new ProcFs(o.kernel()).maps(t);
      // The recorded VMAs, with the recorded device and inode, and the [vsyscall] page every x86-64 process shows.
      assertEquals(3, lines.size(), String.join("\n", lines));
      assertTrue(lines.get(0).matches("00400000-00402000 r-xp 00000000 08:01 1234 +/usr/bin/prog"), lines.get(0));
      assertTrue(lines.get(1).matches("00600000-00604000 rw-p 00000000 00:00 0 *"), lines.get(1));
      assertTrue(lines.get(2).endsWith("[vsyscall]"), lines.get(2));
      assertEquals(List.of(), new Invariants(o.kernel()).check());
    }
  }
}
