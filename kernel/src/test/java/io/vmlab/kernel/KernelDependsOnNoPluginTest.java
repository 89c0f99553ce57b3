package io.vmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kernel never depends on a plugin: its main sources name nothing in io.vmlab.arch.* or
 * io.vmlab.policy.* outside comments (no import, no qualified name), and its pom has the plugins
 * in test scope only.
 */
class KernelDependsOnNoPluginTest {
  private static final Pattern PLUGIN_PACKAGE = Pattern.compile("\\bio\\.vmlab\\.(arch|policy)\\.");

  /** The kernel module's directory (surefire runs tests there). */
  private static Path module() {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    assertTrue(Files.isRegularFile(dir.resolve("src/main/java/io/vmlab/kernel/Kernel.java")), "not the kernel module: " + dir);
    return dir;
  }

  @Test
  void mainSourcesNameNoPluginPackage() throws IOException {
    List<String> found = new ArrayList<>();
    int files = 0;
    try (Stream<Path> s = Files.walk(module().resolve("src/main/java"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        files++;
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
          if (!comment && PLUGIN_PACKAGE.matcher(line).find()) {
            found.add(module().relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertTrue(files > 50, "scanned " + files + " files");
    assertEquals(List.of(), found, "the kernel must reach plugins only through kernel-api");
  }

  @Test
  void pluginDependenciesAreTestScoped() throws IOException {
    String pom = Files.readString(module().resolve("pom.xml"));
    Matcher dep = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
    int plugins = 0;
    while (dep.find()) {
      String d = dep.group(1);
      Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(d);
      assertTrue(id.find(), d);
      String artifact = id.group(1);
      if (artifact.startsWith("arch-") || artifact.startsWith("policy-")) {
        plugins++;
        assertTrue(d.contains("<scope>test</scope>"), artifact + " must be a test dependency of the kernel");
      }
    }
    assertTrue(plugins >= 3, "the kernel's tests use the real plugins");
  }
}
