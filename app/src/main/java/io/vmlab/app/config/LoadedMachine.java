package io.vmlab.app.config;

import io.vmlab.app.VmlabHome;
import io.vmlab.kernel.config.MachineSpec;
import java.nio.file.Path;

/**
 * A machine read from a file and checked against the loaded plugins.
 *
 * @param spec the machine
 * @param file the file it came from
 * @param marks where each key is in the file, for problems found later
 */
public record LoadedMachine(MachineSpec spec, Path file, KeyMarks marks) {
  /** A problem at {@code key} (dotted, below {@code machine}), as the user should read it. */
  public ConfigProblem problemAt(String key, String message) {
    Position at = marks.positionOf("machine." + key);
    String where = at.file() != null ? at.file() : file == null ? "<inline machine>" : VmlabHome.display(file);
    return new ConfigProblem(where, at.line(), at.column(), message);
  }
}
