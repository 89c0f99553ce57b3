package io.vmlab.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.config.MachineSpec.Overcommit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed scalars of machine files accept exactly what reference.yaml documents. */
class ScalarsTest {
  @Test
  void booleansAreTrueOrFalseInYaml12Spellings() {
    assertTrue(Scalars.bool().parse("true"));
    assertTrue(Scalars.bool().parse("TRUE"));
    assertFalse(Scalars.bool().parse("False"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "on", "off", "Y", "N", "YES"})
  void yamlOneOneBooleanWordsAreRefusedWithAnExplanation(String word) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scalars.bool().parse(word));
    assertTrue(e.getMessage().contains("write true or false"), e.getMessage());
    assertTrue(e.getMessage().contains("YAML 1.1"), e.getMessage());
  }

  @Test
  void enumsAreCaseInsensitiveAndAcceptTheirAliases() {
    Scalar<Overcommit> s = Scalars.enumOf(Overcommit.class, Map.of("2", Overcommit.NEVER));
    assertEquals(Overcommit.GUESS, s.parse("Guess"));
    assertEquals(Overcommit.NEVER, s.parse("2"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.parse("nevr"));
    assertTrue(e.getMessage().contains("guess, always, never"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'never'?"), e.getMessage());
  }

  @Test
  void sizesCheckRangeAndPageAlignment() {
    Scalar<Long> memory = Scalars.size(1 << 20, 64L << 30, 4096);
    assertEquals(256L << 20, memory.parse("256M"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> memory.parse("512K"))
        .getMessage().contains("out of range (1 MiB to 64 GiB)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> memory.parse("0x100001"))
        .getMessage().contains("not a multiple of 4 KiB"));
  }

  @Test
  void limitsAcceptUnlimited() {
    Scalar<Long> limit = Scalars.sizeOrUnlimited(0, Long.MAX_VALUE);
    assertEquals(-1L, limit.parse("unlimited"));
    assertEquals(-1L, limit.parse("Infinity"));
    assertEquals(8L << 20, limit.parse("8M"));
  }

  @Test
  void kernelVersionsAreTheModelledRange() {
    Scalar<KernelVersion> v = Scalars.kernelVersion(KernelVersion.V6_1, KernelVersion.V6_18);
    assertEquals(new KernelVersion(6, 10), v.parse("6.10"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> v.parse("5.10"))
        .getMessage().contains("6.1 to 6.18"));
  }
}
