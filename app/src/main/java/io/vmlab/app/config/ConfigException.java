package io.vmlab.app.config;

import io.vmlab.app.UserError;
import java.util.Comparator;
import java.util.List;

/** A config file with problems: every one of them, in file order, one line each. */
public final class ConfigException extends UserError {
  private static final long serialVersionUID = 1L;
  private final transient List<ConfigProblem> problems;

  /** The problems (at least one). */
  public ConfigException(List<ConfigProblem> problems, Throwable cause) {
    super(sorted(problems).stream().map(ConfigProblem::format).toList(), cause);
    this.problems = sorted(problems);
  }

  /** The problems in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
    return problems.stream()
        .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
        .toList();
  }
}
