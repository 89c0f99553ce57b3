package io.vmlab.app.conform;

import io.vmlab.app.script.MapArgs;
import io.vmlab.app.script.StepError;
import io.vmlab.app.script.StepRunner;
import java.util.Map;

/** Arguments of a recorded step: already resolved, numbers as '0x...' strings. */
final class CaseArgs implements StepRunner.ArgsFactory {
  @Override
  public StepRunner.Args of(Map<String, Object> step) {
    return new MapArgs(step) {
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
