package io.vmlab.app.cli;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.app.UserError;
import io.vmlab.app.config.MachineLocator;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.exec.AslrEntropy;
import io.vmlab.app.format.Json;
import io.vmlab.app.format.TextTable;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.wiring.Machine;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.config.MachineSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab bench aslr}: the entropy of exec's randomization per architecture and process ABI. */
@Command(name = "aslr", mixinStandardHelpOptions = true,
    description = {
      "Exec a dynamic PIE (with its ld.so) once per seed with randomization on, and report for",
      "mmap_base, the stack top, the PIE base, the program break, AT_BASE and the vdso how many",
      "distinct values came out and the entropy their range implies (log2 of the pages spanned),",
      "next to the bits Linux states (mmap_rnd_bits 28/8, STACK_RND_MASK 22/11 bits, brk 32 MiB",
      "= 13 bits, 1 GiB = 18 bits for 64-bit tasks from 6.9). Every process ABI of each machine."
    })
final class AslrBenchCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, paramLabel = "FILE|NAME",
      description = "A machine (repeatable). Default: every bundled machine.")
  List<String> machines = new ArrayList<>();

  @Option(names = "--abi", paramLabel = "NAME", description = "Only this process ABI (x86_64 or i386).")
  String abi;

  @Option(names = {"-n", "--samples"}, paramLabel = "N", defaultValue = "1000",
      description = "Execs (seeds) per machine and ABI. Default: ${DEFAULT-VALUE}.")
  int samples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "The first seed; run i uses S + i. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--json", description = "Write JSON instead of tables.")
  boolean json;

  @Override
  public Integer call() {
    if (samples < 2 || samples > 1_000_000) {
      throw new UserError("--samples " + samples + ": between 2 and 1000000");
    }
    List<AslrEntropy.Result> results = new ArrayList<>();
    Session session = Session.of(spec);
    try (PluginHost host = session.openPlugins()) {
      KernelFactory kernels = new KernelFactory(host.registry());
      for (String name : machines.isEmpty() ? MachineLocator.bundledNames() : machines) {
        Machine m = session.machine(name, host);
        MachineSpec ms = m.spec().withRandomization(true, seed);
        List<ProcessAbi> abis = kernels.create(ms).arch().abis();
        boolean any = false;
        for (ProcessAbi a : abis) {
          if (abi != null && !abi.equals(a.name())) {
            continue;
          }
          any = true;
          Kernel k = kernels.create(ms);
          results.add(AslrEntropy.measure(k, a, samples, seed));
        }
        if (!any) {
          throw new UserError("--abi " + abi + ": " + name + " runs " + abis.stream().map(ProcessAbi::name).toList());
        }
      }
    }
    spec.commandLine().getOut().print(json ? Json.write(toJson(results)) : text(results));
    return ExitCodes.OK;
  }

  private static String text(List<AslrEntropy.Result> results) {
    StringBuilder sb = new StringBuilder();
    for (AslrEntropy.Result r : results) {
      sb.append(r.machine()).append(": ").append(r.abi()).append(" process, Linux ").append(r.kernel())
          .append(", randomize_va_space ").append(r.randomizeVaSpace()).append(", ").append(r.samples())
          .append(" seeds\n");
      TextTable t = new TextTable("quantity", "distinct", "min", "max", "range bits", "Linux bits");
      for (AslrEntropy.Quantity q : r.quantities()) {
        t.row(q.name(), q.distinct(), "0x" + Long.toHexString(q.min()), "0x" + Long.toHexString(q.max()),
            String.format("%.2f", q.rangeBits()), q.linuxBits() < 0 ? "-" : Integer.toString(q.linuxBits()));
      }
      sb.append(t.render("  ")).append('\n');
    }
    return sb.toString();
  }

  private static List<Object> toJson(List<AslrEntropy.Result> results) {
    List<Object> out = new ArrayList<>();
    for (AslrEntropy.Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("machine", r.machine());
      m.put("abi", r.abi());
      m.put("kernel", r.kernel());
      m.put("randomize_va_space", r.randomizeVaSpace());
      m.put("samples", r.samples());
      List<Object> qs = new ArrayList<>();
      for (AslrEntropy.Quantity q : r.quantities()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", q.name());
        x.put("distinct", q.distinct());
        x.put("min", "0x" + Long.toHexString(q.min()));
        x.put("max", "0x" + Long.toHexString(q.max()));
        x.put("range_bits", Math.round(q.rangeBits() * 1000) / 1000.0);
        x.put("linux_bits", q.linuxBits() < 0 ? null : q.linuxBits());
        qs.add(x);
      }
      m.put("quantities", qs);
      out.add(m);
    }
    return out;
  }
}
