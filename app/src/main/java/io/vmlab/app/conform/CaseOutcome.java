package io.vmlab.app.conform;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The comparison of one case: checks passed and failed by kind, and every difference found. */
public final class CaseOutcome {
  final String target;
  final String name;
  final Map<CheckKind, int[]> checks = new EnumMap<>(CheckKind.class);
  final List<String> differences = new ArrayList<>();
  String error;
  boolean expectedFailure;

  CaseOutcome(String target, String name) {
    this.target = target;
    this.name = name;
    for (CheckKind k : CheckKind.values()) {
      checks.put(k, new int[2]);
    }
  }

  /** Records a check: {@code [passed, total]} per kind. */
  void check(CheckKind kind, boolean ok, String where, Object expected, Object actual) {
    int[] c = checks.get(kind);
    c[1]++;
    if (ok) {
      c[0]++;
    } else {
      differences.add(where + ": expected " + expected + " got " + actual);
    }
  }

  /** The target (directory) name. */
  public String target() {
    return target;
  }

  /** The case name. */
  public String name() {
    return name;
  }

  /** Whether the case is listed as an expected failure. */
  public boolean expectedFailure() {
    return expectedFailure;
  }

  /** Whether every check passed. */
  public boolean passed() {
    return error == null && differences.isEmpty();
  }

  /** The first difference, or the error. */
  /** The first difference, or the error. */
  public String firstProblem() {
    return error != null ? error : differences.isEmpty() ? "" : differences.get(0);
  }
}
