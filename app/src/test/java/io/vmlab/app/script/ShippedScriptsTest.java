package io.vmlab.app.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every script in configs/scripts runs through {@code vmlab script} on each machine its header
 * names, and shows what its comments promise: EFAULT and no signal from bad user buffers, a vmalloc
 * fault on IA-32 only, the oops text, the RDMA pin outcomes, exec's layout, remap_file_pages'
 * split and merge. One command line per machine runs all of that machine's scripts.
 */
class ShippedScriptsTest {
  private static final Pattern HEADER = Pattern.compile("#\\s+\\./vmlab script --machine (\\S+) configs/scripts/(\\S+)");
  /** Output documents by machine, then by script file name. */
  private static final Map<String, Map<String, Map<String, Object>>> RUNS = new TreeMap<>();

  @BeforeAll
  static void runEveryScriptOnTheMachinesItsHeaderNames() throws IOException {
    Map<String, List<Path>> byMachine = new TreeMap<>();
    try (Stream<Path> files = Files.list(TestPaths.home().resolve("configs/scripts"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".yaml")).sorted().toList()) {
        List<String> machines = headerMachines(f);
        assertFalse(machines.isEmpty(), f + ": the header names no machine to run it on");
        machines.forEach(m -> byMachine.computeIfAbsent(m, k -> new ArrayList<>()).add(f));
      }
    }
    byMachine.forEach((machine, scripts) -> {
      List<String> args = new ArrayList<>(List.of("script", "--machine", machine));
      scripts.forEach(s -> args.add(s.toString()));
      CliRun.Result r = CliRun.vmlab(args.toArray(String[]::new));
      assertEquals(0, r.code(), r::toString);
      assertEquals("", r.err(), r::toString);
      Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
      int i = 0;
      for (Object d : new Yaml().loadAll(r.out())) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) d;
        docs.put(scripts.get(i++).getFileName().toString(), doc);
      }
      assertEquals(scripts.size(), docs.size(), r::toString);
      RUNS.put(machine, docs);
    });
  }

  private static List<String> headerMachines(Path f) {
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(f)) {
        if (!line.startsWith("#")) {
          break;
        }
        Matcher m = HEADER.matcher(line);
        if (m.find()) {
          assertEquals(f.getFileName().toString(), m.group(2), f + ": the header runs another script");
          out.add(m.group(1));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(String machine, String script) {
    Map<String, Object> doc = RUNS.getOrDefault(machine, Map.of()).get(script);
    assertTrue(doc != null, script + " did not run on " + machine + ": " + RUNS.keySet());
    assertEquals(machine, ((Map<String, Object>) doc.get("target")).get("machine"));
    return (List<Map<String, Object>>) doc.get("steps");
  }

  private static List<Map<String, Object>> ops(List<Map<String, Object>> steps, String op) {
    return steps.stream().filter(s -> op.equals(s.get("op"))).toList();
  }

  private static long hex(Object v) {
    String s = String.valueOf(v);
    assertTrue(s.startsWith("0x"), "not a hex result: " + s);
    return Long.parseUnsignedLong(s.substring(2), 16);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(Map<String, Object> step) {
    return (Map<String, Object>) step.get("result");
  }

  @SuppressWarnings("unchecked")
  private static List<String> lines(Map<String, Object> step, String key) {
    return (List<String>) step.get(key);
  }

  @Test
  void everyScriptRan() throws IOException {
    try (Stream<Path> files = Files.list(TestPaths.home().resolve("configs/scripts"))) {
      long scripts = files.filter(x -> x.toString().endsWith(".yaml")).count();
      assertEquals(scripts, RUNS.values().stream().flatMap(m -> m.keySet().stream()).distinct().count());
    }
    assertTrue(RUNS.containsKey("ia32-2level") && RUNS.containsKey("x86_64-4level"), RUNS.keySet()::toString);
  }

  @Test
  void uaccessEfaultReturnsEfaultOrAShortCountAndNeverASignal() {
    List<Map<String, Object>> s = steps("x86_64-4level", "uaccess-efault.yaml");
    List<Map<String, Object>> reads = ops(s, "read");
    assertEquals(4, reads.size());
    assertEquals(0x2000, hex(reads.get(0).get("result")), "both pages copied");
    assertEquals(2, reads.get(0).get("minflt"), "copy_to_user faulted both pages in");
    assertEquals(0x1000, hex(reads.get(1).get("result")), "up to the unmapped page");
    assertEquals("EFAULT", reads.get(2).get("error"), "nothing copied");
    assertEquals("EFAULT", reads.get(3).get("error"), "a read-only buffer");
    assertEquals(0x100, hex(ops(s, "write").get(0).get("result")), "the kernel may read a read-only page");
    assertEquals(3, ops(s, "minflt").get(0).get("value"));
    assertTrue(s.stream().noneMatch(x -> String.valueOf(x.get("result")).contains("signal")), s::toString);
  }

  @Test
  void vmallocFaultIsTakenOnIa32Only() {
    for (String machine : List.of("ia32-2level", "x86_64-4level")) {
      List<Map<String, Object>> k = ops(steps(machine, "vmalloc-fault.yaml"), "kaccess");
      assertEquals(2, k.size());
      boolean ia32 = machine.startsWith("ia32");
      assertEquals(Map.of("ok", true, "vmalloc_fault", ia32), result(k.get(0)), machine + ": the first access");
      assertEquals(Map.of("ok", true, "vmalloc_fault", false), result(k.get(1)), machine + ": synced now");
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void kernelOopsNamesTheAddressAndTheErrorCode() {
    List<Map<String, Object>> s = steps("x86_64-4level", "kernel-oops.yaml");
    List<Map<String, Object>> k = ops(s, "kaccess");
    long a = hex(ops(s, "mmap").get(0).get("result"));
    assertEquals(List.of(
        "BUG: kernel NULL pointer dereference, address: 0000000000000010",
        "#PF: supervisor read access in kernel mode",
        "#PF: error_code(0x0000) - not-present page"), result(k.get(0)).get("oops"));
    assertEquals(List.of(
        "BUG: unable to handle page fault for address: ffffc90100000000",
        "#PF: supervisor write access in kernel mode",
        "#PF: error_code(0x0002) - not-present page"), result(k.get(1)).get("oops"));
    assertEquals(List.of(
        "BUG: unable to handle page fault for address: " + String.format("%016x", a),
        "#PF: supervisor read access in kernel mode",
        "#PF: error_code(0x0000) - not-present page"), result(k.get(2)).get("oops"));
  }

  @Test
  void rdmaDontforkKeepsPinnedFramesUnlessLegacyCowBreaksThem() {
    List<Map<String, Object>> s = steps("x86_64-4level", "rdma-dontfork.yaml");
    List<Map<String, Object>> pinned = ops(s, "pinned");
    assertEquals(List.of("pa", "pb", "pc"), pinned.stream().map(p -> p.get("id")).toList());
    long[] still = {4, 0, 4};
    for (int i = 0; i < 3; i++) {
      assertEquals(4, result(pinned.get(i)).get("pages"));
      assertEquals((int) still[i], result(pinned.get(i)).get("frames_still_mapped"), "pin " + pinned.get(i).get("id"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) ops(s, "status").get(0).get("values");
    assertEquals(48, status.get("VmPin"), "three regions of four pinned pages");
    assertEquals(3, ops(s, "fork").stream().filter(f -> f.get("child") != null).count());
  }

  @Test
  void execStaticReplacesTheProcessAndGrowsTheHeapFromTheBss() {
    List<Map<String, Object>> s = steps("x86_64-4level", "exec-static.yaml");
    assertEquals(0, hex(s.get(0).get("result")), "execve() succeeded");
    List<Map<String, Object>> maps = ops(s, "maps");
    List<String> first = lines(maps.get(0), "maps");
    assertTrue(first.get(0).startsWith("00400000-00401000 r--p 00000000 ") && first.get(0).endsWith(" /static"), first::toString);
    String heap = first.stream().filter(l -> l.endsWith("[heap]")).findFirst().orElseThrow();
    long brk0 = Long.parseUnsignedLong(heap.substring(heap.indexOf('-') + 1, heap.indexOf(' ')), 16);
    assertTrue(first.stream().anyMatch(l -> l.endsWith("[stack]")) && first.stream().anyMatch(l -> l.endsWith("[vdso]")));
    assertEquals(brk0 + 0x21000, hex(ops(s, "brk").get(0).get("result")), "brk grows from the page after the bss");
    assertEquals(33, result(ops(s, "touch").get(0)).get("pages"));
    long a = hex(ops(s, "mmap").get(0).get("result"));
    List<String> last = lines(maps.get(1), "maps");
    String vvar = last.stream().filter(l -> l.endsWith("[vvar]")).findFirst().orElseThrow();
    assertEquals(a + 0x10000, Long.parseUnsignedLong(vvar.substring(0, vvar.indexOf('-')), 16), "top-down below the vDSO");
    String grown = String.format("%08x-%08x rw-p", brk0, brk0 + 0x21000);
    assertTrue(last.stream().anyMatch(l -> l.startsWith(grown) && l.endsWith("[heap]")), last::toString);
  }

  @SuppressWarnings("unchecked")
  @Test
  void remapFilePagesSplitsTheVmaAndARemapBackMergesIt() {
    List<Map<String, Object>> s = steps("x86_64-4level", "remap-file-pages.yaml");
    List<Map<String, Object>> remaps = ops(s, "remap_file_pages");
    assertEquals(0, hex(remaps.get(0).get("result")));
    long m = hex(ops(s, "mmap").get(0).get("result"));
    List<String> split = lines(ops(s, "maps").get(0), "maps").stream().filter(l -> l.endsWith("/data/f")).toList();
    assertEquals(List.of(
        String.format("%x-%x rw-s 00000000", m, m + 0x2000),
        String.format("%x-%x rw-s 00006000", m + 0x2000, m + 0x4000),
        String.format("%x-%x rw-s 00004000", m + 0x4000, m + 0x8000)),
        split.stream().map(l -> l.substring(0, l.indexOf(" 00:20"))).toList());
    List<Map<String, Object>> vmas = (List<Map<String, Object>>) ops(s, "smaps").get(0).get("vmas");
    assertEquals(List.of(0, 8, 0), vmas.stream().map(v -> v.get("Rss")).toList(), "MAP_POPULATE filled the new piece");
    assertEquals(0, hex(remaps.get(1).get("result")));
    List<String> merged = lines(ops(s, "maps").get(1), "maps").stream().filter(l -> l.endsWith("/data/f")).toList();
    assertEquals(1, merged.size(), merged::toString);
    assertTrue(merged.get(0).startsWith(String.format("%x-%x rw-s 00000000", m, m + 0x8000)), merged::toString);
    assertEquals("EINVAL", remaps.get(2).get("error"), "prot must be 0");
  }
}
