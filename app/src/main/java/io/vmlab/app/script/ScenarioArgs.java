package io.vmlab.app.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Arguments of scenario steps: expressions over the ids earlier steps defined (and brk0). */
public final class ScenarioArgs implements StepRunner.ArgsFactory {
  private final Map<String, Long> ids = new LinkedHashMap<>();
  private final int wordBytes;

  public ScenarioArgs(long brk0, int wordBytes) {
    this.wordBytes = wordBytes;
    ids.put("brk0", brk0);
  }

  @Override
  public void define(String id, long value) {
    ids.put(id, value);
  }

  /** The ids defined so far. */
  public Map<String, Long> ids() {
    return ids;
  }

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
        if (o instanceof String s) {
          return List.of(s);
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
        return Expressions.eval(raw.toString(), ids, wordBytes);
      }
    };
  }
}
