package io.vmlab.app.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.TestPaths;
import io.vmlab.app.config.MachineLoader;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.Auxv;
import io.vmlab.kernel.exec.BinaryFile;
import io.vmlab.kernel.exec.Exec;
import io.vmlab.kernel.exec.ExecException;
import io.vmlab.kernel.exec.ExecRequest;
import io.vmlab.kernel.exec.ExecResult;
import io.vmlab.kernel.proc.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The execve()s recorded on a real Linux 6.18.44 host (conformance/exec/host-6.18: a ptrace tracer
 * stopped each process at the syscall exit of execve, randomization off) are reproduced on the
 * host's machine: the maps lines exactly, every auxv entry (AT_RANDOM's address, not its bytes),
 * the stack pointer, the program break, and the initial stack byte for byte but for the 16
 * AT_RANDOM bytes. The execve()s the host refused fail with the same errno.
 */
class HostExecSnapshotTest {
  private static PluginHost host;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  static Path dir() {
    return TestPaths.home().resolve("conformance/exec/host-6.18");
  }

  static Stream<String> cases(boolean refused) throws IOException {
    try (Stream<Path> s = Files.list(dir().resolve("cases"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
      return names.stream().filter(n -> (HostExecSnapshot.load(dir(), n).errno() != null) == refused);
    }
  }

  static Stream<String> processes() throws IOException {
    return cases(false);
  }

  static Stream<String> refusals() throws IOException {
    return cases(true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("processes")
  void exec_builds_the_process_the_host_kernel_built(String name) {
    HostExecSnapshot s = HostExecSnapshot.load(dir(), name);
    Kernel k = kernel(s);
    Task t = k.newTask("execsnap", k.arch().nativeAbi());
    t.setPersonality(Task.ADDR_NO_RANDOMIZE);
    ExecResult r = Exec.execve(t, request(k, s));
    List<String> problems = compare(k, t, r, s);
    problems.addAll(new Invariants(k).check());
    assertTrue(problems.isEmpty(), name + ":\n  " + String.join("\n  ", problems));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void exec_refuses_what_the_host_kernel_refused(String name) {
    HostExecSnapshot s = HostExecSnapshot.load(dir(), name);
    Kernel k = kernel(s);
    Task t = k.newTask("execsnap", k.arch().nativeAbi());
    t.setPersonality(Task.ADDR_NO_RANDOMIZE);
    ExecRequest req = request(k, s);
    ExecException e = assertThrows(ExecException.class, () -> Exec.execve(t, req), name);
    assertEquals(s.errno(), e.errno().name(), name + ": " + e.getMessage());
  }

  private static Kernel kernel(HostExecSnapshot s) {
    MachineSpec spec = MachineLoader.load(s.machineFile(), host.registry()).spec();
    return new KernelFactory(host.registry()).create(spec);
  }

  /** The case's execve(): its filename, argv, envp, program, and the interpreter PT_INTERP names. */
  private static ExecRequest request(Kernel k, HostExecSnapshot s) {
    BinaryFile program = s.program(k);
    BinaryFile interp = s.interpreter(k);
    return new ExecRequest(s.filename(), s.argv(), s.envp(), program,
        p -> p.equals(s.ptInterp()) ? interp : null, 1);
  }

  private static List<String> compare(Kernel k, Task t, ExecResult r, HostExecSnapshot s) {
    List<String> problems = new ArrayList<>();
    List<String> maps = new ProcFs(k).maps(t);
    if (!maps.equals(s.maps())) {
      problems.add("maps differ:\n    got      " + String.join("\n             ", maps)
          + "\n    expected " + String.join("\n             ", s.maps()));
    }
    List<List<String>> want = s.auxv();
    List<Auxv.Entry> got = r.auxv();
    for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
      String g = i < got.size() ? got.get(i).name() + "=0x" + Long.toHexString(got.get(i).value()) : "(none)";
      String w = i < want.size() ? want.get(i).get(0) + "=" + want.get(i).get(1) : "(none)";
      if (!g.equals(w)) {
        problems.add("auxv[" + i + "]: got " + g + ", expected " + w);
      }
    }
    check(problems, "sp", s.sp(), r.sp());
    check(problems, "brk", s.brk(), t.mm().brk());
    byte[] wantStack = s.stack();
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
    return problems;
  }

  private static void check(List<String> problems, String what, long want, long got) {
    if (want != got) {
      problems.add(what + ": got 0x" + Long.toHexString(got) + ", expected 0x" + Long.toHexString(want));
    }
  }
}
