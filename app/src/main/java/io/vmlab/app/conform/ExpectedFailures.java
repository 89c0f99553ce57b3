package io.vmlab.app.conform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** conformance/expected-failures.txt: "target/name" per line, # comments; cases known to fail. */
public final class ExpectedFailures {
  private ExpectedFailures() {}

  /** The listed cases (empty if the file does not exist). */
  public static Set<String> load(Path file) {
    Set<String> out = new LinkedHashSet<>();
    if (file == null || !Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.replaceFirst("#.*", "").trim();
        if (!l.isEmpty()) {
          out.add(l);
        }
      }
    } catch (IOException e) {
      throw new CaseException(file + ": cannot read: " + e.getMessage());
    }
    return out;
  }
}
