package io.vmlab.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A bad command line: the problem, any "did you mean", and where to find help; exit 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("vmlab: " + ex.getMessage());
    List<String> commands = ex instanceof UnmatchedArgumentException u ? closestCommands(cmd, u) : List.of();
    if (!commands.isEmpty()) {
      err.println("Did you mean: " + String.join(" or ", commands) + "?");
    } else {
      UnmatchedArgumentException.printSuggestions(ex, err);
    }
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    return ExitCodes.USAGE;
  }

  /**
   * The subcommands closest to an unknown command word, ties kept (picocli's own suggestion keeps
   * one command per similarity score, so "layuot" could lose "layout" to "replay").
   */
  private static List<String> closestCommands(CommandLine cmd, UnmatchedArgumentException u) {
    if (cmd.getSubcommands().isEmpty() || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
      return List.of();
    }
    String word = u.getUnmatched().get(0).toLowerCase();
    Map<String, Double> scores = new LinkedHashMap<>();
    cmd.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().usageMessage().hidden()) {
        scores.put(name, similarity(word, name.toLowerCase()));
      }
    });
    double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    List<String> out = new ArrayList<>();
    if (best > 0) {
      scores.forEach((name, s) -> {
        if (s == best && out.size() < 3) {
          out.add(cmd.getCommandSpec().qualifiedName() + " " + name);
        }
      });
    }
    return out;
  }

  /** Cosine similarity of the two words' letter pairs. */
  private static double similarity(String a, String b) {
    Map<String, Integer> x = pairs(a);
    Map<String, Integer> y = pairs(b);
    double dot = 0;
    for (Map.Entry<String, Integer> e : x.entrySet()) {
      dot += e.getValue() * y.getOrDefault(e.getKey(), 0);
    }
    double nx = Math.sqrt(x.values().stream().mapToDouble(v -> v * v).sum());
    double ny = Math.sqrt(y.values().stream().mapToDouble(v -> v * v).sum());
    return nx == 0 || ny == 0 ? 0 : dot / (nx * ny);
  }

  private static Map<String, Integer> pairs(String s) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i + 2 <= s.length(); i++) {
      m.merge(s.substring(i, i + 2), 1, Integer::sum);
    }
    return m;
  }
}
