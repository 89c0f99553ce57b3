package io.vmlab.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the tests use (surefire passes vmlab.home and vmlab.plugins). */
public final class TestPaths {
  private TestPaths() {}

  /** The repository root. */
  public static Path home() {
    return VmlabHome.home();
  }

  /** app/target/plugins: the real plugin jars, copied there before the tests run. */
  public static Path plugins() {
    Path dir = VmlabHome.pluginsDir(null);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no plugins directory " + dir + ": run the tests through Maven");
    }
    return dir;
  }

  /** A bundled machine file. */
  public static Path machine(String name) {
    return home().resolve("configs/machines/" + name + ".yaml");
  }
}
