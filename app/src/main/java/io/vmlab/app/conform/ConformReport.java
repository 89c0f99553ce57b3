package io.vmlab.app.conform;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Totals of a conformance run: per target, cases and checks by kind; and the JSON report. */
public final class ConformReport {
  private final Map<String, int[]> cases = new TreeMap<>();
  private final Map<String, Map<CheckKind, int[]>> checks = new TreeMap<>();
  private final List<Map<String, Object>> entries = new ArrayList<>();
  private int passed;
  private int failed;
  private int expectedFailures;
  private int unreadable;

  /** Adds a case's outcome. */
  public void add(CaseOutcome o) {
    int[] c = cases.computeIfAbsent(o.target, k -> new int[2]);
    c[1]++;
    Map<CheckKind, int[]> k = checks.computeIfAbsent(o.target, t -> new EnumMap<>(CheckKind.class));
    o.checks.forEach((kind, v) -> {
      int[] acc = k.computeIfAbsent(kind, x -> new int[2]);
      acc[0] += v[0];
      acc[1] += v[1];
    });
    if (o.passed()) {
      passed++;
      c[0]++;
    } else if (o.expectedFailure) {
      expectedFailures++;
    } else {
      failed++;
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("target", o.target);
    e.put("name", o.name);
    e.put("passed", o.passed());
    e.put("expectedFailure", o.expectedFailure);
    if (o.error != null) {
      e.put("error", o.error);
    }
    e.put("differences", o.differences);
    Map<String, Object> ck = new LinkedHashMap<>();
    o.checks.forEach((kind, v) -> ck.put(kind.label(), Map.of("passed", v[0], "total", v[1])));
    e.put("checks", ck);
    entries.add(e);
  }

  /** A case file that could not be read. */
  public void unreadable(String path, String message) {
    unreadable++;
    entries.add(Map.of("file", path, "error", message));
  }

  public boolean allPassed() {
    return failed == 0 && unreadable == 0;
  }

  public int unreadable() {
    return unreadable;
  }

  /** The per-target lines and the final line. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    cases.forEach((target, c) -> {
      StringBuilder sb = new StringBuilder();
      sb.append(target).append(": ").append(c[0]).append('/').append(c[1]).append(" cases; checks");
      String sep = " ";
      for (CheckKind k : CheckKind.values()) {
        int[] v = checks.get(target).getOrDefault(k, new int[2]);
        sb.append(sep).append(k.label()).append(' ').append(v[0]).append('/').append(v[1]);
        sep = ", ";
      }
      lines.add(sb.toString());
    });
    String last = "conformance: " + passed + " passed, " + failed + " failed";
    if (expectedFailures > 0) {
      last += ", " + expectedFailures + " expected failures (skipped, listed in expected-failures.txt)";
    }
    if (unreadable > 0) {
      last += ", " + unreadable + " unreadable";
    }
    lines.add(last);
    return lines;
  }

  /** The full report for --json. */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 1);
    m.put("passed", passed);
    m.put("failed", failed);
    m.put("expectedFailures", expectedFailures);
    m.put("unreadable", unreadable);
    Map<String, Object> targets = new LinkedHashMap<>();
    cases.forEach((t, c) -> {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("cases", Map.of("passed", c[0], "total", c[1]));
      Map<String, Object> km = new LinkedHashMap<>();
      checks.get(t).forEach((k, v) -> km.put(k.label(), Map.of("passed", v[0], "total", v[1])));
      tm.put("checks", km);
      targets.put(t, tm);
    });
    m.put("targets", targets);
    m.put("cases", entries);
    return m;
  }
}
