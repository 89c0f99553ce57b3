package io.vmlab.app.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Addresses print and parse as unsigned 64-bit hex. */
class HexTest {
  @Test
  void printsUnsignedLowercaseWithPrefix() {
    assertEquals("0x8048000", Hex.of(0x08048000L));
    assertEquals("0xffffffffff600000", Hex.of(0xffffffffff600000L));
    assertEquals("0x0", Hex.of(0));
  }

  @Test
  void parsesWithOrWithoutPrefixUpTo64Bits() {
    assertEquals(0x08048000L, Hex.parseAddress("0x08048000"));
    assertEquals(0xc0000000L, Hex.parseAddress("c0000000"));
    assertEquals(0x7fffffffffffL, Hex.parseAddress("0x0000_7fff_ffff_ffff"));
    assertEquals(-1L, Hex.parseAddress("0xFFFFFFFFFFFFFFFF"));
    assertEquals(1L, Hex.parseAddress("0x00000000000000000001"));
  }

  @Test
  void refusesWhatIsNotA64BitHexNumber() {
    assertThrows(IllegalArgumentException.class, () -> Hex.parseAddress("0x1ffffffffffffffff"));
    assertThrows(IllegalArgumentException.class, () -> Hex.parseAddress("0xg"));
    assertThrows(IllegalArgumentException.class, () -> Hex.parseAddress("0x"));
    assertThrows(IllegalArgumentException.class, () -> Hex.parseAddress("-1"));
  }
}
