package io.vmlab.app.experiment;

import io.vmlab.app.UserError;
import io.vmlab.app.experiment.ExperimentSpec.ProcessSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${name}} in a step's arguments, replaced by the run's value of the var. */
public final class Vars {
  private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private Vars() {}

  /**
   * The process with every {@code ${name}} in its steps replaced; an undeclared name is a {@code
   * file:line:1} error (the loader calls this with the default values, so it is found before any run).
   */
  public static ProcessSpec apply(ProcessSpec p, Map<String, String> vars, String file) {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Map<String, Object> s : p.steps()) {
      steps.add(step(s, vars, file));
    }
    return new ProcessSpec(p.name(), p.abi(), p.start(), p.files(), steps);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> step(Map<String, Object> s, Map<String, String> vars, String file) {
    Object line = s.get("line");
    Map<String, Object> out = new LinkedHashMap<>();
    s.forEach((k, v) -> out.put(k, value(v, vars, file, line)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object value(Object v, Map<String, String> vars, String file, Object line) {
    if (v instanceof String str) {
      return substitute(str, vars, file, line);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(o instanceof Map<?, ?> m && m.containsKey("op") ? step((Map<String, Object>) m, vars, file)
            : value(o, vars, file, line));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, value(x, vars, file, line)));
      return out;
    }
    return v;
  }

  private static String substitute(String s, Map<String, String> vars, String file, Object line) {
    if (s.indexOf("${") < 0) {
      return s;
    }
    Matcher m = REF.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      if (value == null) {
        throw new UserError(file + ":" + line + ":1: unknown var '" + m.group(1) + "' in '" + s + "' ("
            + (vars.isEmpty() ? "no vars are declared: add 'vars: {" + m.group(1) + ": VALUE}' to the experiment"
                : "declared: " + String.join(", ", vars.keySet())) + ")");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
