package io.vmlab.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Integer and size literals are read from their raw text, unsigned, with no YAML 1.1 surprises. */
class NumbersTest {
  @ParameterizedTest
  @CsvSource({
    "4096, 4096",
    "0x1000, 4096",
    "0X1000, 4096",
    "1_000_000, 1000000",
    "0, 0",
    "+7, 7",
    "0xffff_ffff, 4294967295"
  })
  void readsDecimalHexAndSeparators(String raw, long expected) {
    assertEquals(expected, Numbers.parseUnsigned(raw));
  }

  @Test
  void readsTheFullUnsigned64BitRange() {
    assertEquals(-1L, Numbers.parseUnsigned("0xffffffffffffffff"));
    assertEquals(-1L, Numbers.parseUnsigned("18446744073709551615"));
    assertEquals(Long.MIN_VALUE, Numbers.parseUnsigned("0x8000000000000000"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x1_0000_0000_0000_0000", "18446744073709551616"})
  void refusesValuesWiderThan64Bits(String raw) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Numbers.parseUnsigned(raw));
    assertTrue(e.getMessage().contains("64 bits"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0777", "-1", "1__0", "12_", "0x", "ten", "1e3", ""})
  void refusesWhatIsNotAPlainUnsignedInteger(String raw) {
    assertThrows(IllegalArgumentException.class, () -> Numbers.parseUnsigned(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "4K, 4096",
    "4k, 4096",
    "64KiB, 65536",
    "256M, 268435456",
    "256MB, 268435456",
    "1G, 1073741824",
    "2T, 2199023255552",
    "0x1000, 4096",
    "0x10M, 16777216",
    "1_024K, 1048576",
    "512, 512",
    "512B, 512"
  })
  void readsSizesWithBinarySuffixes(String raw, long expected) {
    assertEquals(expected, Numbers.parseSize(raw));
  }

  @Test
  void sizesExplainFractionsNegativesAndOverflow() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Numbers.parseSize("1.5G"))
        .getMessage().contains("1536M"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Numbers.parseSize("-4K"))
        .getMessage().contains("negative"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Numbers.parseSize("16777216T"))
        .getMessage().contains("too large"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Numbers.parseSize("4 apples"))
        .getMessage().contains("not a size"));
  }
}
