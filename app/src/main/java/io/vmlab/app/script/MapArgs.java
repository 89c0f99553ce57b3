package io.vmlab.app.script;

import java.util.List;
import java.util.Map;

/**
 * The arguments of one raw step (its "args" map and, for a fork, the child's steps); the two
 * flavours differ only in how a value becomes a number ({@link #resolve}).
 */
public abstract class MapArgs implements StepRunner.Args {
  private final Map<String, Object> step;
  private final Map<String, Object> args;

  @SuppressWarnings("unchecked")
  protected MapArgs(Map<String, Object> step) {
    this.step = step;
    this.args = step.get("args") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

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

  /** A list, or one string standing for a list of one ({@code flags: fixed}). */
  @Override
  @SuppressWarnings("unchecked")
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
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> steps() {
    Object child = step.get("child");
    if (child instanceof Map<?, ?> c && c.get("steps") instanceof List<?> l) {
      return (List<Map<String, Object>>) l;
    }
    return List.of();
  }
}
