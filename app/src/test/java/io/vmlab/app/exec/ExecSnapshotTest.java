package io.vmlab.app.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.TestPaths;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.exec.Auxv;
import io.vmlab.kernel.exec.BinaryFile;
import io.vmlab.kernel.exec.Exec;
import io.vmlab.kernel.exec.ExecRequest;
import io.vmlab.kernel.exec.ExecResult;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.kernel.proc.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vendored exec snapshot (conformance/exec/snaps: real 6.1 and 6.18 kernels right after
 * execve(), randomization off) is reproduced: the maps lines exactly, every auxv entry, the stack
 * pointer, the program break, the initial stack byte for byte but for the 16 AT_RANDOM bytes,
 * the mm fields of /proc/PID/stat, the status sizes, and each VMA's Rss, Anonymous and VmFlags.
 * The CPU facts (AT_HWCAP, AT_HWCAP2, AT_MINSIGSTKSZ) are the snapshot's machine settings.
 */
class ExecSnapshotTest {
  private static PluginHost host;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  static Path execDir() {
    return TestPaths.home().resolve("conformance/exec");
  }

  static Stream<String> snapshots() throws IOException {
    try (Stream<Path> s = Files.walk(execDir().resolve("snaps"))) {
      return s.filter(p -> p.toString().endsWith(".yaml"))
          .map(p -> execDir().resolve("snaps").relativize(p).toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snapshots")
  void exec_reproduces_the_snapshot(String id) throws IOException {
    ExecSnapshot s = ExecSnapshot.load(execDir().resolve("snaps").resolve(id));
    Kernel k = new KernelFactory(host.registry()).create(s.machine());
    Task t = k.newTask("execsnap", k.arch().nativeAbi());
    t.setPersonality(Task.ADDR_NO_RANDOMIZE);
    ExecResult r = exec(k, t, s, execDir());
    List<String> problems = compare(k, t, r, s);
    problems.addAll(new Invariants(k).check());
    assertTrue(problems.isEmpty(), id + ":\n  " + String.join("\n  ", problems));
  }

  /** Runs the snapshot's execve() on {@code t}: its program, argv, envp and interpreter. */
  static ExecResult exec(Kernel k, Task t, ExecSnapshot s, Path execDir) throws IOException {
    List<String> maps = s.maps();
    String[] prog = fileOf(maps.get(0));
    Path bin = s.programBinary(execDir);
    byte[] bytes = Files.isRegularFile(bin) ? Files.readAllBytes(bin) : ReadelfImage.build(s.readelf(s.name()));
    Inode inode = file(k, prog, bytes.length);
    BinaryFile program = new BinaryFile(inode, bytes, s.name());
    BinaryFile interp = null;
    if (s.interp() != null) {
      String[] ld = maps.stream().map(ExecSnapshotTest::fileOf).filter(f -> f != null && !f[0].equals(prog[0]))
          .findFirst().orElseThrow();
      String base = s.interp().substring(s.interp().lastIndexOf('/') + 1);
      byte[] image = ReadelfImage.build(s.readelf("interp-" + base));
      interp = new BinaryFile(file(k, ld, image.length), image, base);
    }
    BinaryFile ldso = interp;
    return Exec.execve(t, new ExecRequest(s.path(), s.argv(), s.envp(), program,
        p -> p.equals(s.interp()) ? ldso : null, 1));
  }

  /** [path, major, minor, inode] of a file-backed maps line, or null. */
  static String[] fileOf(String line) {
    String[] f = line.trim().split("\\s+", 6);
    if (f.length < 6 || !f[5].startsWith("/")) {
      return null;
    }
    String[] dev = f[3].split(":");
    return new String[] {f[5], dev[0], dev[1], f[4]};
  }

  private static Inode file(Kernel k, String[] f, long size) {
    int major = Integer.parseInt(f[1], 16);
    return k.createCachedFile(f[0], major, Integer.parseInt(f[2], 16), Long.parseLong(f[3]), size, 0, major == 0);
  }

  static List<String> compare(Kernel k, Task t, ExecResult r, ExecSnapshot s) {
    List<String> problems = new ArrayList<>();
    ProcFs proc = new ProcFs(k);
    List<String> maps = proc.maps(t);
    if (!maps.equals(s.maps())) {
      problems.add("maps differ:\n    got      " + String.join("\n             ", maps)
          + "\n    expected " + String.join("\n             ", s.maps()));
    }
    List<String[]> want = s.auxv();
    List<Auxv.Entry> got = r.auxv();
    for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
      String g = i < got.size() ? got.get(i).name() + "=0x" + Long.toHexString(got.get(i).value()) : "(none)";
      String w = i < want.size() ? want.get(i)[0] + "=" + want.get(i)[1] : "(none)";
      if (!g.equals(w)) {
        problems.add("auxv[" + i + "]: got " + g + ", expected " + w);
      }
    }
    check(problems, "sp", s.stackValue("sp"), r.sp());
    check(problems, "stack VMA end", s.stackValue("vma_end"), r.stackEnd());
    Map<String, Object> stat = s.map("stat");
    Map<String, Long> mine = ProcStat.fields(t);
    for (String f : List.of("start_code", "end_code", "start_stack", "start_data", "end_data", "start_brk",
        "arg_start", "arg_end", "env_start", "env_end", "vsize")) {
      check(problems, "stat." + f, Long.decode(stat.get(f).toString()), mine.get(f));
    }
    // 6.18's stat rss comes from an approximate per-CPU counter; 6.1's is the mm counter.
    if (k.version().equals(io.vmlab.api.KernelVersion.V6_1)) {
      check(problems, "stat.rss", ((Number) stat.get("rss")).longValue(), mine.get("rss"));
    }
    check(problems, "brk", Long.decode(stat.get("start_brk").toString()), t.mm().brk());
    byte[] wantStack = s.stackBytes();
    byte[] gotStack = Exec.peekUser(t, r.sp(), r.stackEnd());
    long rnd = r.aux(Auxv.AT_RANDOM);
    if (wantStack.length != gotStack.length) {
      problems.add("stack: " + gotStack.length + " bytes above sp, expected " + wantStack.length);
    } else {
      for (int i = 0; i < wantStack.length; i++) {
        long a = r.sp() + i;
        boolean random = Long.compareUnsigned(a, rnd) >= 0 && Long.compareUnsigned(a, rnd + 16) < 0;
        if (!random && wantStack[i] != gotStack[i]) {
          problems.add(String.format("stack byte at 0x%x: got %02x, expected %02x", a, gotStack[i] & 0xff,
              wantStack[i] & 0xff));
          break;
        }
      }
    }
    Map<String, Long> status = proc.status(t);
    Map<String, Object> wantStatus = s.map("status");
    for (String f : List.of("VmSize", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmRSS", "RssAnon", "RssFile")) {
      check(problems, "status." + f, ((Number) wantStatus.get(f)).longValue(), status.get(f));
    }
    List<ProcFs.SmapsEntry> smaps = proc.smaps(t);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> wantSmaps = (List<Map<String, Object>>) s.doc().get("smaps");
    for (int i = 0; i < Math.min(smaps.size(), wantSmaps.size()); i++) {
      for (String f : List.of("Rss", "Anonymous", "VmFlags")) {
        String g = smaps.get(i).fields().get(f);
        String w = String.valueOf(wantSmaps.get(i).get(f));
        if (!g.equals(w)) {
          problems.add("smaps " + wantSmaps.get(i).get("vma") + " " + f + ": got " + g + ", expected " + w);
        }
      }
    }
    return problems;
  }

  private static void check(List<String> problems, String what, long want, long got) {
    if (want != got) {
      problems.add(what + ": got 0x" + Long.toHexString(got) + ", expected 0x" + Long.toHexString(want));
    }
  }
}
