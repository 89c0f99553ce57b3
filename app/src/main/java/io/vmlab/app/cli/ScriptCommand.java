package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.format.Json;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.script.ForkHooks;
import io.vmlab.app.script.ScenarioArgs;
import io.vmlab.app.script.ScenarioFile;
import io.vmlab.app.script.StepError;
import io.vmlab.app.script.StepFormat;
import io.vmlab.app.script.StepResult;
import io.vmlab.app.script.StepRunner;
import io.vmlab.app.wiring.Machine;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.fs.Inode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlab script}: runs a scenario spec on a fresh process and prints each step's result. */
@Command(name = "script", mixinStandardHelpOptions = true,
    description = {
      "Run a scenario (the address-independent step format the conformance cases were recorded",
      "from) on a fresh process of the machine, and print each step's result in the case format,",
      "so the same script can be run on vmlab and on Linux and the outputs compared.",
      "The process has a stack and the vDSO; its break starts at the ABI's text base.",
      "Data files are created on a tmpfs (device 00:20) as /data/<id>, fully cached."
    })
final class ScriptCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, required = true, paramLabel = "FILE|NAME",
      description = "A machine file, or the name of a bundled one.")
  String machine;

  @Option(names = "--abi", paramLabel = "NAME",
      description = "The process ABI: x86_64 or i386 (an IA-32 compat process on x86-64). Default: native.")
  String abi;

  @Option(names = "--json", description = "Write JSON instead of YAML.")
  boolean json;

  @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "Scenario files (.yaml).")
  List<Path> scenarios;

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    List<Object> docs = new ArrayList<>();
    try (PluginHost host = session.openPlugins()) {
      Machine m = session.machine(machine, host);
      KernelFactory kernels = new KernelFactory(host.registry());
      for (Path p : scenarios) {
        docs.add(run(ScenarioFile.load(p), kernels.create(m.spec())));
      }
    }
    StringBuilder out = new StringBuilder();
    if (json) {
      out.append(Json.write(docs.size() == 1 ? docs.get(0) : docs));
    } else {
      DumperOptions o = new DumperOptions();
      o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      o.setWidth(200);
      Yaml yaml = new Yaml(o);
      for (Object d : docs) {
        if (docs.size() > 1) {
          out.append("---\n");
        }
        out.append(yaml.dump(d));
      }
    }
    spec.commandLine().getOut().print(out);
    return ExitCodes.OK;
  }

  private Map<String, Object> run(ScenarioFile sc, Kernel k) {
    var processAbi = abi == null ? k.arch().nativeAbi() : k.arch().abi(abi).orElseThrow(() ->
        new UserError("--abi " + abi + ": this machine runs " + String.join(", ",
            k.arch().abis().stream().map(a -> a.name()).toList()) + " processes"));
    Task t = ProcessFactory.minimal(k, processAbi, "script", k.spec().seed());
    Map<String, Inode> files = new LinkedHashMap<>();
    List<Object> fileOut = new ArrayList<>();
    long ino = 100;
    for (Map<String, Object> f : sc.files()) {
      String id = String.valueOf(f.get("id"));
      long size = io.vmlab.app.script.Expressions.eval(String.valueOf(f.getOrDefault("size", "0")), Map.of(), 8);
      int fill = (int) io.vmlab.app.script.Expressions.eval(String.valueOf(f.getOrDefault("fill", "0x61")), Map.of(), 8);
      Inode inode = k.createCachedFile("/data/" + id, 0, 0x20, ino++, size, fill, true);
      files.put(id, inode);
      Map<String, Object> fo = new LinkedHashMap<>();
      fo.put("id", id);
      fo.put("path", inode.path());
      fo.put("size", size);
      fo.put("dev", "00:20");
      fo.put("inode", inode.ino());
      fileOut.add(fo);
    }
    StepRunner runner = new StepRunner(k, files, ForkHooks.NONE);
    runner.setProgramDirectory(sc.path().toAbsolutePath().getParent());
    ScenarioArgs args = new ScenarioArgs(t.mm().brk(), t.abi().wordBytes());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", sc.name());
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("arch", t.abi().name());
    target.put("machine", k.spec().name());
    target.put("kernel", k.version().toString());
    target.put("paging", k.arch().pagingMode());
    doc.put("target", target);
    doc.put("files", fileOut);
    Map<String, Object> initial = new LinkedHashMap<>();
    initial.put("brk", "0x" + Long.toHexString(t.mm().brk()));
    initial.put("maps", runner.proc().maps(t));
    doc.put("initial", initial);
    List<Object> steps = new ArrayList<>();
    for (Map<String, Object> step : sc.steps()) {
      try {
        StepResult r = runner.run(t, step, args);
        steps.add(StepFormat.entry(r, fields(step, "fields"), fields(step, "fields")));
      } catch (StepError e) {
        throw new UserError(sc.path() + ":" + step.get("line") + ":1: " + step.get("op") + ": " + e.getMessage());
      }
    }
    doc.put("steps", steps);
    return doc;
  }

  @SuppressWarnings("unchecked")
  private static List<String> fields(Map<String, Object> step, String key) {
    Object a = step.get("args");
    if (a instanceof Map<?, ?> m && m.get(key) instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        out.add(o.toString());
      }
      return out.contains("all") ? null : out;
    }
    String op = String.valueOf(step.get("op"));
    return op.equals("smaps") ? io.vmlab.app.script.Names.SMAPS_FIELDS
        : op.equals("status") ? io.vmlab.app.script.Names.STATUS_FIELDS : null;
  }
}
