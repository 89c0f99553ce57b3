package io.vmlab.kernel.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Selector decoding: index in bits 15..3, TI in bit 2, RPL in bits 1..0. */
class SelectorTest {
  @Test
  void linuxSelectorsDecode() {
    assertEquals(14, Selector.index(0x73));
    assertFalse(Selector.ldt(0x73));
    assertEquals(3, Selector.rpl(0x73));
    assertEquals(15, Selector.index(0x7b));
    assertEquals(12, Selector.index(0x60));
    assertEquals(0, Selector.rpl(0x60));
    assertEquals(6, Selector.index(0x33));
    assertEquals(5, Selector.index(0x2b));
    assertEquals(4, Selector.index(0x23));
    assertEquals("index 14, TI 0 (GDT), RPL 3", Selector.describe(0x73));
    assertEquals("index 0, TI 1 (LDT), RPL 3", Selector.describe(0x7));
  }

  @Test
  void nullSelectorsAreGdtIndexZeroWithAnyRpl() {
    for (int rpl = 0; rpl < 4; rpl++) {
      assertTrue(Selector.isNull(rpl), "selector " + rpl);
    }
    assertFalse(Selector.isNull(0x4), "LDT entry 0 is not a null selector");
    assertFalse(Selector.isNull(0x7));
    assertFalse(Selector.isNull(0x8));
  }

  @Test
  void errorCodeKeepsIndexAndTiAndDropsRpl() {
    assertEquals(0x60, Selector.errorCode(0x60));
    assertEquals(0x68, Selector.errorCode(0x6b));
    assertEquals(0x70, Selector.errorCode(0x73));
    assertEquals(0x4, Selector.errorCode(0x7));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 42, 20221211, 0x5e6})
  void encodeDecodeRoundTrip(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 10_000; i++) {
      int index = rnd.nextInt(8192);
      boolean ldt = rnd.nextBoolean();
      int rpl = rnd.nextInt(4);
      int sel = Selector.of(index, ldt, rpl);
      String msg = "seed " + seed + " selector 0x" + Integer.toHexString(sel);
      assertTrue(sel >= 0 && sel <= 0xffff, msg);
      assertEquals(index, Selector.index(sel), msg);
      assertEquals(ldt, Selector.ldt(sel), msg);
      assertEquals(rpl, Selector.rpl(sel), msg);
      assertEquals(sel & ~3, Selector.errorCode(sel), msg);
      assertEquals(index == 0 && !ldt, Selector.isNull(sel), msg);
    }
  }
}
