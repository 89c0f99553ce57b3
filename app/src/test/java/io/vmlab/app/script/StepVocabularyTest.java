package io.vmlab.app.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link StepRunner#OPS} lists exactly the ops its dispatch knows, so experiments accept the same words. */
class StepVocabularyTest {
  @Test
  void opsListMatchesTheDispatch() throws IOException {
    Path src = Path.of(System.getProperty("vmlab.home"), "app/src/main/java/io/vmlab/app/script/StepRunner.java");
    Matcher m = Pattern.compile("case \"([a-z_]+)\"").matcher(Files.readString(src));
    List<String> dispatched = new ArrayList<>();
    while (m.find()) {
      if (!dispatched.contains(m.group(1)) && StepRunnerModes.isOp(m.group(1))) {
        dispatched.add(m.group(1));
      }
    }
    assertFalse(dispatched.isEmpty());
    assertEquals(StepRunner.OPS.stream().sorted().toList(), dispatched.stream().sorted().toList());
  }

  /** The case labels of StepRunner that are not ops (access modes inside steps). */
  static final class StepRunnerModes {
    private static final List<String> MODES = List.of("read", "write", "exec");

    static boolean isOp(String label) {
      return !MODES.contains(label) || StepRunner.OPS.contains(label);
    }
  }
}
