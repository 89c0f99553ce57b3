package io.vmlab.app.script;

import java.util.LinkedHashMap;
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
  public StepRunner.Args of(Map<String, Object> step) {
    return new MapArgs(step) {
      @Override
      public long resolve(Object raw) {
        return Expressions.eval(raw.toString(), ids, wordBytes);
      }
    };
  }
}
