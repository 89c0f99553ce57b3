package io.vmlab.app.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sizes read as a person would say them. */
class SizesTest {
  @Test
  void exactSizesUseTheLargestUnit() {
    assertEquals("0 B", Sizes.of(0));
    assertEquals("4 KiB", Sizes.of(4096));
    assertEquals("3 GiB", Sizes.of(0xc0000000L));
    assertEquals("64 TiB", Sizes.of(1L << 46));
  }

  @Test
  void sizesJustBelowAUnitSayByHowMuch() {
    assertEquals("128 TiB - 4 KiB", Sizes.of(0x7ffffffff000L));
    assertEquals("4 GiB - 8 KiB", Sizes.of(0xffffe000L));
    assertEquals("64 PiB - 4 KiB", Sizes.of(0xfffffffffff000L));
  }

  @Test
  void otherSizesAreApproximate() {
    assertEquals("~1.5 GiB", Sizes.of(0x5f000000L));
    assertEquals("~1.5 KiB", Sizes.of(1536));
    assertEquals("~16.0 EiB", Sizes.of(-4096L));
  }

  @Test
  void limitsPrintUnlimited() {
    assertEquals("unlimited", Sizes.limit(-1));
    assertEquals("8 MiB", Sizes.limit(8L << 20));
  }
}
