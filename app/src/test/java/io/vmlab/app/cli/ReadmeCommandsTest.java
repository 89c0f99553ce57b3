package io.vmlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's commands table and {@code vmlab --help} agree: every command the help lists (and
 * every subcommand of trace and bench) has a row, and every row names a real command with options
 * that command has.
 */
class ReadmeCommandsTest {
  private static final Pattern HELP_ENTRY = Pattern.compile("^  ([a-z][a-z0-9-]*)(\\s|$)");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");

  /** A row of the table: the command's words ("trace stats") and the usage in its first cell. */
  record Row(String command, String usage) {}

  /** The rows of the table under "## Commands" whose first cell is a `vmlab ...` usage. */
  static List<Row> readmeRows() throws IOException {
    List<String> lines = Files.readAllLines(TestPaths.home().resolve("README.md"));
    int start = lines.indexOf("## Commands");
    assertTrue(start >= 0, "README.md has a '## Commands' section");
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (!line.startsWith("| `vmlab ")) {
        continue;
      }
      String usage = line.substring(3, line.indexOf('`', 3)).replace("\\|", "|");
      List<String> words = new ArrayList<>();
      for (String w : usage.split(" ")) {
        if (w.equals("vmlab")) {
          continue;
        }
        if (!w.matches("[a-z][a-z0-9-]*")) {
          break;
        }
        words.add(w);
      }
      rows.add(new Row(String.join(" ", words), usage));
    }
    return rows;
  }

  /** The commands {@code vmlab PREFIX --help} lists, each with its own subcommands instead if it has any. */
  static List<String> helpCommands(String... prefix) {
    List<String> args = new ArrayList<>(Arrays.asList(prefix));
    args.add("--help");
    CliRun.Result r = CliRun.vmlab(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.toString());
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : r.out().lines().toList()) {
      if (line.equals("Commands:")) {
        in = true;
      } else if (in && line.isBlank()) {
        break;
      } else if (in) {
        Matcher m = HELP_ENTRY.matcher(line);
        if (m.find()) {
          List<String> path = new ArrayList<>(Arrays.asList(prefix));
          path.add(m.group(1));
          List<String> sub = m.group(1).equals("help") ? List.of() : helpCommands(path.toArray(String[]::new));
          out.addAll(sub.isEmpty() ? List.of(String.join(" ", path)) : sub);
        }
      }
    }
    return out;
  }

  @Test
  void everyCommandOfTheHelpHasARowInTheReadme() throws IOException {
    List<String> help = helpCommands();
    assertTrue(help.containsAll(List.of("demo", "run", "replay", "merge", "trace stats", "bench replay", "help")),
        "parsed vmlab --help: " + help);
    TreeSet<String> documented = new TreeSet<>();
    readmeRows().forEach(r -> documented.add(r.command()));
    TreeSet<String> missing = new TreeSet<>(help);
    missing.removeAll(documented);
    assertEquals(new TreeSet<>(), missing, "commands of vmlab --help without a row in README.md's commands table");
  }

  @Test
  void everyRowIsACommandWithOptionsItHas() throws IOException {
    List<String> help = helpCommands();
    List<Row> rows = readmeRows();
    assertTrue(rows.size() >= help.size(), "rows: " + rows);
    for (Row row : rows) {
      assertTrue(help.contains(row.command()), "README.md documents '" + row.usage() + "' but vmlab --help has no '"
          + row.command() + "' (commands: " + help + ")");
      List<String> args = new ArrayList<>(Arrays.asList(row.command().split(" ")));
      args.add("--help");
      String usage = CliRun.vmlab(args.toArray(String[]::new)).out();
      Matcher m = OPTION.matcher(row.usage());
      while (m.find()) {
        assertTrue(Pattern.compile("(?<![\\w-])" + Pattern.quote(m.group(1)) + "(?![\\w-])").matcher(usage).find(),
            "README.md gives 'vmlab " + row.command() + "' the option " + m.group(1) + ", which its --help lacks:\n"
                + usage);
      }
    }
  }

  @Test
  void theQuickStartIsTheDemoAndTheTestCommand() throws IOException {
    String readme = Files.readString(TestPaths.home().resolve("README.md"));
    int at = readme.indexOf("## Quick start");
    assertTrue(at >= 0, "README.md has a quick start");
    assertTrue(readme.indexOf("```sh\n./vmlab demo\nmvn -B verify\n```", at) > at, "the quick start's commands");
  }
}
