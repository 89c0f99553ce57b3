package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.exec.ExecReport;
import io.vmlab.app.exec.HostFiles;
import io.vmlab.app.format.Json;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.wiring.Machine;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.BinaryFile;
import io.vmlab.kernel.exec.Exec;
import io.vmlab.kernel.exec.ExecException;
import io.vmlab.kernel.exec.ExecRequest;
import io.vmlab.kernel.exec.ExecResult;
import io.vmlab.kernel.proc.ProcFs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlab exec}: runs execve() of a host ELF file on a machine and shows the new process. */
@Command(name = "exec", mixinStandardHelpOptions = true,
    description = {
      "execve() a real ELF program (32- or 64-bit, static, PIE or dynamic), or a #! script, on a fresh process of",
      "the machine, as Linux's load_elf_binary() does, and print the process right before its first",
      "instruction: /proc/PID/maps, the auxiliary vector, the stack pointer, the program break and",
      "the initial stack's bytes (read back from the simulated memory).",
      "The program becomes a file of the machine (--path, --dev, --inode); an interpreter named",
      "by PT_INTERP or a #! line is looked up under --root. The environment is empty unless --env is given.",
      "Put -- before PROGRAM if an argument starts with a dash."
    })
final class ExecCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, required = true, paramLabel = "FILE|NAME",
      description = "A machine file, or the name of a bundled one.")
  String machine;

  @Option(names = "--name", paramLabel = "EXECFN",
      description = "The filename passed to execve(): AT_EXECFN and the default argv[0]. Default: PROGRAM as given.")
  String name;

  @Option(names = "--argv0", paramLabel = "ARG0", description = "argv[0]. Default: the --name.")
  String argv0;

  @Option(names = "--empty-argv", description = "Call execve() with argv = {NULL} (the kernel adds \"\" as argv[0]).")
  boolean emptyArgv;

  @Option(names = "--env", paramLabel = "K=V", description = "An environment string (repeatable).")
  List<String> env = new ArrayList<>();

  @Option(names = "--abi", paramLabel = "NAME",
      description = "Require the program to run as this process ABI (x86_64, or i386: IA-32, compat on x86-64). "
          + "Default: whatever its ELF class and machine select.")
  String abi;

  @Option(names = "--path", paramLabel = "PATH",
      description = "The program's path in the machine, as maps shows it. Default: --name made absolute from /, "
          + "symlinks resolved under --root if it names a file there.")
  String path;

  @Option(names = "--dev", paramLabel = "MAJ:MIN", defaultValue = "00:02",
      description = "Device of the program file (hex, as maps prints it). Default: ${DEFAULT-VALUE}.")
  String dev;

  @Option(names = "--interp-dev", paramLabel = "MAJ:MIN",
      description = "Device of the interpreter files. Default: the --dev.")
  String interpDev;

  @Option(names = "--inode", paramLabel = "N", defaultValue = "10",
      description = "Inode number of the program file. Default: ${DEFAULT-VALUE}; interpreters get the next ones.")
  long inode;

  @Option(names = "--interp-inode", paramLabel = "N", description = "Inode number of the interpreter file.")
  Long interpInode;

  @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
      description = "Directory in which absolute interpreter paths (PT_INTERP, #!) are resolved. Default: ${DEFAULT-VALUE}.")
  Path root;

  @Option(names = "--seed", paramLabel = "N", description = "The random seed of this exec. Default: the machine's seed.")
  Long seed;

  @Option(names = "--json", description = "Write JSON: {maps, auxv, sp, brk, stack}.")
  boolean json;

  @Parameters(index = "0", paramLabel = "PROGRAM", description = "The ELF file on the host.")
  Path program;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments after argv[0].")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    String out;
    try (PluginHost host = session.openPlugins()) {
      Machine m = session.machine(machine, host);
      MachineSpec ms = m.spec();
      Kernel k = new KernelFactory(host.registry()).create(ms);
      int[] device = device("--dev", dev);
      int[] interpDevice = interpDev != null ? device("--interp-dev", interpDev) : device;
      String execfn = name != null ? name : program.toString();
      HostFiles files = new HostFiles(k, root, device, interpDevice, interpInode != null ? interpInode : inode + 1);
      String real = files.realPath(execfn);
      BinaryFile prog = files.program(program, path != null ? path : real != null ? real : absolute(execfn), inode);
      Task t = k.newTask("vmlab", k.arch().nativeAbi());
      t.setPersonality(ms.randomize() ? 0 : Task.ADDR_NO_RANDOMIZE);
      List<String> argv = new ArrayList<>();
      if (!emptyArgv) {
        argv.add(argv0 != null ? argv0 : execfn);
        argv.addAll(args);
      } else if (!args.isEmpty()) {
        throw new UserError("--empty-argv: no ARGS may follow PROGRAM");
      }
      ExecResult r;
      try {
        r = Exec.execve(t, new ExecRequest(execfn, argv, env, prog, files.interpreters(), seed != null ? seed : ms.seed()));
      } catch (ExecException e) {
        throw new UserError(e.getMessage() + " (execve: " + e.errno() + ")", e);
      }
      if (abi != null && !abi.equals(t.abi().name())) {
        throw new UserError(program + ": runs as an " + t.abi().name() + " process, not " + abi
            + " (--abi " + abi + ")");
      }
      ExecReport report = ExecReport.of(t, r, new ProcFs(k));
      out = json ? Json.write(report.json()) : report.text();
    }
    spec.commandLine().getOut().print(out);
    return ExitCodes.OK;
  }

  /** "./a" is "/a": the path as if the program ran in /. */
  private static String absolute(String execfn) {
    Path p = Path.of("/").resolve(execfn).normalize();
    return p.toString();
  }

  private static int[] device(String option, String s) {
    String[] parts = s.split(":");
    try {
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0], 16), Integer.parseInt(parts[1], 16)};
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new UserError(option + " " + s + ": expected MAJOR:MINOR in hex, e.g. 00:02 or fe:00");
  }
}
