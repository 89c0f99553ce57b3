package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.format.Hex;
import io.vmlab.app.format.Json;
import io.vmlab.app.inspect.Translation;
import io.vmlab.app.inspect.TranslationText;
import io.vmlab.app.inspect.Translator;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.wiring.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlab translate}: how a machine's page walk splits each address. */
@Command(name = "translate", mixinStandardHelpOptions = true,
    description = {
      "Split virtual addresses into the index at every page-table level and the page offset,",
      "and say whether each is a user, kernel (with its kernel area) or non-canonical address."
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

  @Parameters(paramLabel = "ADDR", arity = "1..*",
      description = "Virtual addresses in hex, with or without 0x (up to 64 bits, e.g. 0x08048000).")
  List<String> addresses;

  @Override
  public Integer call() {
    List<Long> parsed = parse(addresses);
    String text;
    Session session = Session.of(spec);
    try (PluginHost host = session.openPlugins()) {
      Machine m = session.machine(machine, host);
      List<Translation> results = new ArrayList<>();
      for (long va : parsed) {
        results.add(Translator.translate(m.arch(), va));
      }
      text = json ? json(m, results) : text(m, results);
    }
    spec.commandLine().getOut().print(text);
    return ExitCodes.OK;
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

  private static String text(Machine m, List<Translation> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("machine ").append(m.spec().name()).append(": ").append(m.arch().archId()).append(' ')
        .append(m.arch().pagingMode()).append('\n');
    for (Translation t : results) {
      sb.append('\n').append(TranslationText.render(t));
    }
    return sb.toString();
  }

  private static String json(Machine m, List<Translation> results) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", 1);
    doc.put("machine", m.spec().name());
    doc.put("arch", m.arch().archId());
    doc.put("paging", m.arch().pagingMode());
    doc.put("translations", results);
    return Json.write(doc);
  }
}
