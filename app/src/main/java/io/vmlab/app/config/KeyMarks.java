package io.vmlab.app.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a machine file is, so that a problem found later (by the validator or the
 * kernel's {@code MachineConfigException}) can still point at its line and column.
 */
public final class KeyMarks {
  private final Map<String, Position> byPath = new HashMap<>();

  /** Records that the value of {@code path} (e.g. {@code machine.policies.oom}) starts at {@code at}. */
  void put(String path, Position at) {
    byPath.put(path, at);
  }

  /**
   * The position of {@code path}, or of its nearest enclosing key that is in the file (a default
   * value has no position of its own), or the file start.
   */
  public Position positionOf(String path) {
    String p = path;
    while (true) {
      Position at = byPath.get(p);
      if (at != null) {
        return at;
      }
      int dot = p.lastIndexOf('.');
      if (dot < 0) {
        return Position.START;
      }
      p = p.substring(0, dot);
    }
  }
}
