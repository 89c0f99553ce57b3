package io.vmlab.app.config;

import io.vmlab.app.UserError;
import io.vmlab.app.VmlabHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns a {@code --machine} argument into a file: a path to a YAML file, or the bare name of a
 * bundled machine in {@code <vmlab.home>/configs/machines/NAME.yaml}.
 */
public final class MachineLocator {
  private MachineLocator() {}

  /** The file {@code arg} names. */
  public static Path resolve(String arg) {
    Path asPath = Path.of(arg);
    boolean looksLikePath = arg.contains("/") || arg.contains("\\") || arg.endsWith(".yaml") || arg.endsWith(".yml");
    if (looksLikePath || Files.isRegularFile(asPath)) {
      if (!Files.isRegularFile(asPath)) {
        throw new UserError(arg + ": no such machine file");
      }
      return asPath;
    }
    Path bundled = VmlabHome.machinesDir().resolve(arg + ".yaml");
    if (Files.isRegularFile(bundled)) {
      return bundled;
    }
    List<String> names = bundledNames();
    String hint = Suggestions.closest(arg, names).map(n -> "; did you mean '" + n + "'?").orElse("");
    throw new UserError("unknown machine '" + arg + "' (bundled: "
        + (names.isEmpty() ? "none in " + VmlabHome.display(VmlabHome.machinesDir()) : String.join(", ", names))
        + "; or give the path of a .yaml file)" + hint);
  }

  /** The names of the bundled machines, sorted. */
  public static List<String> bundledNames() {
    Path dir = VmlabHome.machinesDir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
