package io.vmlab.app.conform;

import io.vmlab.app.script.StepError;
import io.vmlab.app.script.StepRunner;
import java.util.List;
import java.util.Map;

/** Arguments of a recorded step: already resolved, numbers as '0x...' strings. */
final class CaseArgs implements StepRunner.ArgsFactory {
  @Override
  @SuppressWarnings("unchecked")
  public StepRunner.Args of(Map<String, Object> step) {
    Map<String, Object> args = step.get("args") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return new StepRunner.Args() {
      @Override
      public boolean has(String name) {
        return args.get(name) != null;
      }

      @Override
      public long number(String name, long dflt) {
        Object o = args.get(name);
        return o == null ? dflt : resolve(o);
      }

      @Override
      public String text(String name, String dflt) {
        Object o = args.get(name);
        return o == null ? dflt : o.toString();
      }

      @Override
      public List<Object> list(String name) {
        Object o = args.get(name);
        if (o instanceof List<?> l) {
          return (List<Object>) l;
        }
        throw new StepError("argument '" + name + "' must be a list");
      }

      @Override
      public List<Map<String, Object>> steps() {
        Object child = step.get("child");
        if (child instanceof Map<?, ?> c && c.get("steps") instanceof List<?> l) {
          return (List<Map<String, Object>>) l;
        }
        return List.of();
      }

      @Override
      public long resolve(Object raw) {
        if (raw instanceof Number n) {
          return n.longValue();
        }
        String s = raw.toString().trim();
        try {
          return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
          throw new StepError("not a number: '" + s + "'");
        }
      }
    };
  }
}
