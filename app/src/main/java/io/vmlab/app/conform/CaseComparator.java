package io.vmlab.app.conform;

import io.vmlab.app.script.Names;
import io.vmlab.app.script.StepResult;
import io.vmlab.app.script.StepRunner;
import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.kernel.sys.AccessOutcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares what vmlab did in a step with what the kernel recorded. */
final class CaseComparator {
  private final CaseOutcome out;

  CaseComparator(CaseOutcome out) {
    this.out = out;
  }

  /**
   * An errno name, with Linux's aliases folded: errno 95 is EOPNOTSUPP in the kernel and
   * ENOTSUP in Python's errno table, which named the recorded cases' errors.
   */
  private static Object errno(Object name) {
    return "ENOTSUP".equals(name) ? "EOPNOTSUPP" : name;
  }

  @SuppressWarnings("unchecked")
  void compare(String where, Map<String, Object> exp, StepResult got) {
    String at = where + " (" + got.op + ")";
    if (exp.containsKey("error")) {
      out.check(CheckKind.RESULT, Objects.equals(errno(exp.get("error")), errno(got.errno)), at, exp.get("error"),
          got.errno != null ? got.errno : hex(got.value));
    } else if (exp.containsKey("result")) {
      compareResult(at, exp.get("result"), got);
    }
    if (exp.containsKey("minflt") && got.minflt != null) {
      out.check(CheckKind.MINFLT, num(exp.get("minflt")) == got.minflt, at + " minflt", exp.get("minflt"), got.minflt);
      long expMaj = exp.containsKey("majflt") ? num(exp.get("majflt")) : 0;
      if (expMaj != 0 || got.majflt != 0) {
        out.check(CheckKind.MINFLT, expMaj == got.majflt, at + " majflt", expMaj, got.majflt);
      }
    }
    if (exp.containsKey("maps") && got.maps != null) {
      List<String> e = (List<String>) exp.get("maps");
      out.check(CheckKind.MAPS, e.equals(got.maps), at, firstDiff(e, got.maps, true), firstDiff(e, got.maps, false));
    }
    if (exp.containsKey("vmas") && got.smaps != null) {
      compareSmaps(at, (List<Map<String, Object>>) exp.get("vmas"), got.smaps);
    }
    if (exp.containsKey("values") && got.status != null) {
      ((Map<String, Object>) exp.get("values")).forEach((k, v) -> {
        Long g = got.status.get(k);
        out.check(CheckKind.STATUS, g != null && g == num(v), at + " " + k, v, g);
      });
    }
    if (exp.containsKey("values") && got.statm != null) {
      ((Map<String, Object>) exp.get("values")).forEach((k, v) -> {
        Long g = got.statm.get(k);
        out.check(CheckKind.STATM, g != null && g == num(v), at + " " + k, v, g);
      });
    }
    if (exp.containsKey("value") && got.observedMinflt != null) {
      out.check(CheckKind.MINFLT, num(exp.get("value")) == got.observedMinflt, at, exp.get("value"), got.observedMinflt);
      long expMaj = exp.containsKey("majflt") ? num(exp.get("majflt")) : 0;
      if (expMaj != 0 || got.observedMajflt != 0) {
        out.check(CheckKind.MINFLT, expMaj == got.observedMajflt, at + " majflt", expMaj, got.observedMajflt);
      }
    }
    if ("fork".equals(got.op) && exp.get("child") instanceof Map<?, ?> child) {
      List<Map<String, Object>> steps = (List<Map<String, Object>>) child.get("steps");
      for (int i = 0; i < steps.size() && i < got.child.size(); i++) {
        compare(where + "." + (i + 1), steps.get(i), got.child.get(i));
      }
    }
  }

  private void compareResult(String at, Object exp, StepResult got) {
    if (got.access != null) {
      AccessOutcome o = got.access;
      if (exp instanceof Map<?, ?> m) {
        Map<String, Object> actual = StepRunner.outcome(o);
        boolean signal = m.containsKey("signal");
        boolean ok = normalize(m).equals(normalize(actual));
        out.check(signal || o.signalled() ? CheckKind.SIGNAL : CheckKind.RESULT, ok, at, m, actual);
      } else {
        Object actual = o.signalled() ? StepRunner.outcome(o) : hex((long) o.value());
        out.check(CheckKind.RESULT, !o.signalled() && num(exp) == o.value(), at, exp, actual);
      }
      return;
    }
    if ("fork".equals(got.op)) {
      out.check(CheckKind.RESULT, "child".equals(exp), at, exp, "child");
      return;
    }
    Object actual = got.errno != null ? got.errno : hex(got.value);
    out.check(CheckKind.RESULT, got.errno == null && got.value != null && num(exp) == got.value, at, exp, actual);
  }

  @SuppressWarnings("unchecked")
  private void compareSmaps(String at, List<Map<String, Object>> exp, List<ProcFs.SmapsEntry> got) {
    for (int i = 0; i < exp.size(); i++) {
      Map<String, Object> e = exp.get(i);
      ProcFs.SmapsEntry g = i < got.size() ? got.get(i) : null;
      String vma = String.valueOf(e.get("vma"));
      out.check(CheckKind.SMAPS, g != null && vma.equals(g.header()), at + " vma " + (i + 1), vma, g == null ? "none" : g.header());
      for (Map.Entry<String, Object> f : e.entrySet()) {
        if (f.getKey().equals("vma")) {
          continue;
        }
        String expVal = String.valueOf(f.getValue()).trim();
        String gotVal = g == null ? null : g.fields().get(f.getKey());
        out.check(CheckKind.SMAPS, expVal.equals(gotVal), at + " " + vma.trim() + " " + f.getKey(), expVal, gotVal);
      }
    }
    if (got.size() > exp.size()) {
      out.check(CheckKind.SMAPS, false, at + " extra vma", "none", got.get(exp.size()).header());
    }
  }

  private static Map<String, String> normalize(Map<?, ?> m) {
    Map<String, String> n = new java.util.TreeMap<>();
    m.forEach((k, v) -> n.put(String.valueOf(k), v instanceof Number x ? Long.toString(x.longValue()) : String.valueOf(v)));
    return n;
  }

  private static String firstDiff(List<String> e, List<String> g, boolean expected) {
    for (int i = 0; i < Math.max(e.size(), g.size()); i++) {
      String a = i < e.size() ? e.get(i) : "(none)";
      String b = i < g.size() ? g.get(i) : "(none)";
      if (!a.equals(b)) {
        return "line " + (i + 1) + " '" + (expected ? a : b) + "'";
      }
    }
    return "same";
  }

  static long num(Object o) {
    return RecorderSeeder.number(o);
  }

  static String hex(Long v) {
    return v == null ? "null" : "0x" + Long.toHexString(v);
  }

  static String errno(int n) {
    return Names.ERRNO.getOrDefault(n, Integer.toString(n));
  }
}
