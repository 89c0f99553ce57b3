package io.vmlab.app.cli;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.app.UserError;
import io.vmlab.app.format.Hex;
import io.vmlab.app.format.Json;
import io.vmlab.app.inspect.LogicalAddress;
import io.vmlab.app.inspect.ProcessSegments;
import io.vmlab.app.inspect.SegmentTranslator;
import io.vmlab.app.inspect.SegmentationText;
import io.vmlab.app.inspect.SegmentedTranslation;
import io.vmlab.app.inspect.Translation;
import io.vmlab.app.inspect.TranslationText;
import io.vmlab.app.inspect.Translator;
import io.vmlab.app.inspect.UserDescSpec;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.wiring.Machine;
import io.vmlab.kernel.seg.SegmentContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlab translate}: how a machine's segmentation and page walk see each address. */
@Command(name = "translate", mixinStandardHelpOptions = true,
    description = {
      "Split virtual addresses into the index at every page-table level and the",
      "page offset, and say whether each is a user, kernel (with its kernel area)",
      "or non-canonical address.",
      "With --logical, first translate a logical address (selector:offset) to a",
      "linear one as the CPU does under Linux's GDT: the selector's index, TI and",
      "RPL, its descriptor, the checks (table limit, type, privilege, present,",
      "limit; in 64-bit mode only the canonical form), then the #GP/#SS/#NP and",
      "error code of a failed check, or the linear address and its page walk. The",
      "process is one just exec'd (start_thread()'s selectors), plus any --ldt,",
      "--tls, --fs-base and --gs-base. A fault is a result: the exit code is 0."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  vmlab translate --machine ia32-2level 0x08048000 0xc0000000",
      "  vmlab translate --machine ia32-2level --logical 0x73:0x08048000",
      "  vmlab translate --machine ia32-2level --logical 0x7b:0xbffff000 --access write",
      "  vmlab translate --machine ia32-pae --ldt 0,0x10000,0xfff --logical 0x7:0x1000",
      "  vmlab translate --machine x86_64-4level --fs-base 0x7ffff7d8a740 --logical fs:0x28",
      "  vmlab translate --machine x86_64-4level --abi i386 --logical cs:0x8049000 --access exec"
    })
final class TranslateCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, required = true, paramLabel = "FILE|NAME",
      description = "A machine file, or the name of a bundled one (configs/machines/NAME.yaml).")
  String machine;

  @Option(names = "--json", description = "Write JSON instead of text.")
  boolean json;

  @Parameters(paramLabel = "ADDR", arity = "0..*",
      description = "Virtual addresses in hex, with or without 0x (up to 64 bits, e.g. 0x08048000).")
  List<String> addresses = new ArrayList<>();

  @Option(names = "--logical", paramLabel = "SEL:OFFSET",
      description = "A logical address: SEL:OFFSET (SEL hex 0x73 or decimal; loaded into ds, or cs with "
          + "--access exec), REG=SEL:OFFSET (loaded into REG), or REG:OFFSET (the process's current selector "
          + "in cs, ds, es, fs, gs or ss). OFFSET is hex. Repeatable.")
  List<String> logical = new ArrayList<>();

  @Option(names = "--abi", paramLabel = "i386|x86_64",
      description = "The process ABI of --logical (default: the machine's native one).")
  String abi;

  @Option(names = "--access", paramLabel = "read|write|exec", description = "The access of --logical (default: read).")
  String access;

  @Option(names = "--cpl", paramLabel = "0|3",
      description = "3: user mode (default); 0: inside a system call, with the kernel's cs and ss.")
  String cpl;

  @Option(names = "--size", paramLabel = "BYTES", description = "Bytes accessed, for the limit check (default: 1).")
  String size;

  @Option(names = "--ldt", paramLabel = "ENTRY,BASE,LIMIT[,FLAG...]",
      description = "Add an LDT entry as modify_ldt(0x11) would (selector ENTRY*8+7). Flags: pages, ro, code, "
          + "down (expand-down), conforming, notpresent, 16bit, useable. Repeatable.")
  List<String> ldt = new ArrayList<>();

  @Option(names = "--tls", paramLabel = "ENTRY,BASE,LIMIT[,FLAG...]",
      description = "Fill a TLS slot of the GDT as set_thread_area() would (ENTRY -1: a free one). Repeatable.")
  List<String> tls = new ArrayList<>();

  @Option(names = "--fs-base", paramLabel = "ADDR", description = "arch_prctl(ARCH_SET_FS, ADDR) (64-bit processes).")
  String fsBase;

  @Option(names = "--gs-base", paramLabel = "ADDR", description = "arch_prctl(ARCH_SET_GS, ADDR) (64-bit processes).")
  String gsBase;

  @Override
  public Integer call() {
    List<Long> parsed = parse(addresses);
    Request req = request();
    String text;
    Session session = Session.of(spec);
    try (PluginHost host = session.openPlugins()) {
      Machine m = session.machine(machine, host);
      List<Translation> results = new ArrayList<>();
      for (long va : parsed) {
        results.add(Translator.translate(m.arch(), va));
      }
      ProcessSegments process = null;
      List<SegmentedTranslation> segmented = new ArrayList<>();
      if (req != null) {
        ProcessAbi processAbi = abi(m.arch());
        SegmentContext ctx = SegmentTranslator.process(m.arch(), processAbi, ldt, tls, req.fsBase, req.gsBase, req.cpl);
        process = SegmentTranslator.describe(ctx, processAbi);
        for (LogicalAddress la : req.logical) {
          segmented.add(SegmentTranslator.translate(m.arch(), ctx, la, req.access, req.size));
        }
      }
      text = json ? json(m, results, process, segmented) : text(m, results, process, segmented);
    }
    spec.commandLine().getOut().print(text);
    return ExitCodes.OK;
  }

  /** What --logical and its options ask for, checked; null without --logical. */
  private record Request(List<LogicalAddress> logical, Access access, int cpl, int size, Long fsBase, Long gsBase) {}

  private Request request() {
    List<String> bad = new ArrayList<>();
    if (logical.isEmpty()) {
      List<String> stray = new ArrayList<>();
      addIf(stray, abi != null, "--abi");
      addIf(stray, access != null, "--access");
      addIf(stray, cpl != null, "--cpl");
      addIf(stray, size != null, "--size");
      addIf(stray, !ldt.isEmpty(), "--ldt");
      addIf(stray, !tls.isEmpty(), "--tls");
      addIf(stray, fsBase != null, "--fs-base");
      addIf(stray, gsBase != null, "--gs-base");
      if (!stray.isEmpty()) {
        throw new UserError("vmlab translate: " + String.join(", ", stray) + (stray.size() == 1 ? " applies" : " apply")
            + " only to --logical addresses");
      }
      if (addresses.isEmpty()) {
        throw new UserError("vmlab translate: give virtual addresses (ADDR...) or --logical SEL:OFFSET");
      }
      return null;
    }
    Access acc = Access.READ;
    if (access != null) {
      switch (access.toLowerCase(Locale.ROOT)) {
        case "read" -> acc = Access.READ;
        case "write" -> acc = Access.WRITE;
        case "exec" -> acc = Access.EXEC;
        default -> bad.add("vmlab translate: --access '" + access + "' is not read, write or exec");
      }
    }
    int level = 3;
    if (cpl != null) {
      if (cpl.equals("0") || cpl.equals("3")) {
        level = Integer.parseInt(cpl);
      } else {
        bad.add("vmlab translate: --cpl '" + cpl + "' is not 0 or 3 (Linux runs nothing at CPL 1 or 2)");
      }
    }
    int bytes = 1;
    if (size != null) {
      try {
        bytes = Integer.parseInt(size);
      } catch (NumberFormatException e) {
        bytes = -1;
      }
      if (bytes < 1 || bytes > 4096) {
        bad.add("vmlab translate: --size '" + size + "' is not a number of bytes from 1 to 4096");
      }
    }
    Long fs = address("--fs-base", fsBase, bad);
    Long gs = address("--gs-base", gsBase, bad);
    List<LogicalAddress> parsed = new ArrayList<>();
    for (String l : logical) {
      try {
        parsed.add(LogicalAddress.parse(l, acc));
      } catch (IllegalArgumentException e) {
        bad.add("vmlab translate: --logical " + e.getMessage());
      }
    }
    if (!bad.isEmpty()) {
      throw new UserError(bad, null);
    }
    return new Request(parsed, acc, level, bytes, fs, gs);
  }

  private ProcessAbi abi(ArchModel arch) {
    if (abi == null) {
      return arch.nativeAbi();
    }
    return arch.abi(abi).orElseThrow(() -> new UserError("vmlab translate: --abi '" + abi + "': machine "
        + machine + " runs " + arch.abis().stream().map(ProcessAbi::name).collect(Collectors.joining(", "))
        + " processes"));
  }

  private static void addIf(List<String> list, boolean cond, String name) {
    if (cond) {
      list.add(name);
    }
  }

  private static Long address(String option, String value, List<String> bad) {
    if (value == null) {
      return null;
    }
    try {
      return Hex.parseAddress(value);
    } catch (IllegalArgumentException e) {
      bad.add("vmlab translate: " + option + ": " + e.getMessage());
      return null;
    }
  }

  private static List<Long> parse(List<String> args) {
    List<Long> out = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String a : args) {
      try {
        out.add(Hex.parseAddress(a));
      } catch (IllegalArgumentException e) {
        bad.add("vmlab translate: " + e.getMessage());
      }
    }
    if (!bad.isEmpty()) {
      throw new UserError(bad, null);
    }
    return out;
  }

  private static String text(Machine m, List<Translation> results, ProcessSegments process,
      List<SegmentedTranslation> segmented) {
    StringBuilder sb = new StringBuilder();
    sb.append("machine ").append(m.spec().name()).append(": ").append(m.arch().archId()).append(' ')
        .append(m.arch().pagingMode()).append('\n');
    for (Translation t : results) {
      sb.append('\n').append(TranslationText.render(t));
    }
    if (process != null) {
      sb.append('\n').append(SegmentationText.process(process));
      for (SegmentedTranslation t : segmented) {
        sb.append('\n').append(SegmentationText.render(t));
      }
    }
    return sb.toString();
  }

  private static String json(Machine m, List<Translation> results, ProcessSegments process,
      List<SegmentedTranslation> segmented) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", 1);
    doc.put("machine", m.spec().name());
    doc.put("arch", m.arch().archId());
    doc.put("paging", m.arch().pagingMode());
    doc.put("translations", results);
    if (process != null) {
      doc.put("process", process);
      doc.put("logical", segmented);
    }
    return Json.write(doc);
  }
}
