package io.vmlab.app.script;

import io.vmlab.app.UserError;
import io.vmlab.app.exec.HostFiles;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.exec.BinaryFile;
import io.vmlab.kernel.exec.ExecException;
import io.vmlab.kernel.exec.ExecRequest;
import io.vmlab.kernel.exec.ExecResult;
import io.vmlab.kernel.exec.elf.ProgramHeader;
import io.vmlab.kernel.sys.Syscalls;
import io.vmlab.kernel.mm.Errno;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code exec} step: {@code exec: {path: FILE, name: EXECFN, argv: [...], env: [...]}} runs
 * execve() of a host ELF file in the step's process, which then continues in the new address
 * space. A relative path is taken from the scenario's directory; PT_INTERP paths are resolved
 * under {@code root} (default: the host's /). The program appears in the machine as
 * {@code /NAME} on device 00:02.
 */
final class ExecStep {
  private final Kernel kernel;
  private Path baseDir = Path.of(".");
  private int count;
  private long nextInode = 10;

  ExecStep(Kernel kernel) {
    this.kernel = kernel;
  }

  /** Where relative program paths start (the scenario file's directory). */
  void setBaseDir(Path dir) {
    this.baseDir = dir;
  }

  /** Runs one exec; returns the result, or throws an {@link ExecException} the step reports as errno. */
  ExecResult run(Syscalls sys, Task t, StepRunner.Args a) {
    String path = a.text("path", null);
    if (path == null) {
      throw new StepError("exec: needs a path (the ELF file to run)");
    }
    Path host = baseDir.resolve(path);
    String name = a.text("name", "./" + host.getFileName());
    List<String> argv = strings(a, "argv", List.of(name));
    List<String> env = strings(a, "env", List.of());
    HostFiles files = new HostFiles(kernel, Path.of(a.text("root", "/")), new int[] {0, 2}, new int[] {0, 2}, nextInode + 1);
    String machinePath = Path.of("/").resolve(name).normalize().toString();
    if (!Files.isRegularFile(host)) {
      throw new ExecException(Errno.ENOENT, host + ": no such file");
    }
    BinaryFile prog;
    try {
      prog = files.program(host, machinePath, nextInode);
    } catch (UserError e) {
      throw new StepError(e.getMessage());
    }
    nextInode += 2;
    long seed = kernel.spec().seed() + 0x9e3779b97f4a7c15L * ++count;
    return sys.execve(t, new ExecRequest(name, argv, env, prog, files.interpreters(), seed));
  }

  /** The program's lowest mapped address: its load bias plus its first PT_LOAD's page. */
  static long base(ExecResult r) {
    ProgramHeader first = r.elf().loads().get(0);
    return r.loadBias() + (first.vaddr() & ~0xfffL);
  }

  private static List<String> strings(StepRunner.Args a, String key, List<String> dflt) {
    if (!a.has(key)) {
      return dflt;
    }
    List<String> out = new ArrayList<>();
    for (Object o : a.list(key)) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
