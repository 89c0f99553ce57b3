package io.vmlab.app;

import java.nio.file.Path;

/**
 * Where vmlab's files are: the home directory (the repository root, holding {@code configs/})
 * and the plugins directory. The launcher passes both as system properties.
 */
public final class VmlabHome {
  /** System property naming the home directory. */
  public static final String HOME_PROPERTY = "vmlab.home";
  /** Environment variable naming the home directory when the property is absent. */
  public static final String HOME_ENV = "VMLAB_HOME";
  /** System property naming the plugins directory. */
  public static final String PLUGINS_PROPERTY = "vmlab.plugins";
  /** Environment variable naming the plugins directory when the property is absent. */
  public static final String PLUGINS_ENV = "VMLAB_PLUGINS";

  private VmlabHome() {}

  /** The home directory: {@code vmlab.home}, else {@code VMLAB_HOME}, else the working directory. */
  public static Path home() {
    return firstOf(System.getProperty(HOME_PROPERTY), System.getenv(HOME_ENV), ".");
  }

  /**
   * The plugins directory: {@code override} (from {@code --plugins-dir}) if given, else {@code
   * vmlab.plugins}, else {@code VMLAB_PLUGINS}, else {@code <home>/app/target/plugins}.
   */
  public static Path pluginsDir(Path override) {
    if (override != null) {
      return override.toAbsolutePath().normalize();
    }
    String fallback = home().resolve("app").resolve("target").resolve("plugins").toString();
    return firstOf(System.getProperty(PLUGINS_PROPERTY), System.getenv(PLUGINS_ENV), fallback);
  }

  /** The directory of the bundled machine files. */
  public static Path machinesDir() {
    return home().resolve("configs").resolve("machines");
  }

  /** A path as the user should read it: relative to the working directory when below it. */
  public static String display(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
  }

  private static Path firstOf(String a, String b, String fallback) {
    String s = a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : fallback;
    return Path.of(s).toAbsolutePath().normalize();
  }
}
