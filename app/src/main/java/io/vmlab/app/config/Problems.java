package io.vmlab.app.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file so that all of them are reported together. */
final class Problems {
  private final String file;
  private final List<ConfigProblem> list = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  /** Records a problem at {@code where}. */
  void add(Position where, String message) {
    list.add(new ConfigProblem(where.file() != null ? where.file() : file, where.line(), where.column(), message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  /** Throws a {@link ConfigException} if any problem was recorded. */
  void throwIfAny() {
    if (!list.isEmpty()) {
      throw new ConfigException(list, null);
    }
  }
}
