package io.vmlab.api.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Descriptor encoding: GDT_ENTRY() of segment.h and the desc_struct bit fields. */
class SegmentDescriptorTest {
  @Test
  void gdtEntryMacroGivesLinuxsFlatDescriptors() {
    assertEquals(0x00cf9a000000ffffL, SegmentDescriptor.gdtEntry(0xc09a, 0, 0xfffff));
    assertEquals(0x00af9b000000ffffL, SegmentDescriptor.gdtEntry(0xa09b, 0, 0xfffff));
    assertEquals(0x00409a000000ffffL, SegmentDescriptor.gdtEntry(0x409a, 0, 0xffff));
    // The base is split into bits 16..39 and 56..63, the limit into bits 0..15 and 48..51.
    assertEquals(0x12cf92345678ffffL, SegmentDescriptor.gdtEntry(0xc092, 0x12345678L, 0xfffff));
    SegmentDescriptor d = SegmentDescriptor.of(0x12cf92345678ffffL);
    assertEquals(0x12345678L, d.base());
    assertEquals(0xfffff, d.limit());
  }

  @Test
  void decodesTheUserCodeSegment() {
    SegmentDescriptor d = SegmentDescriptor.of(0x00cffa000000ffffL);
    assertEquals(0, d.base());
    assertEquals(0xfffff, d.limit());
    assertEquals(0xa, d.type());
    assertTrue(d.s() && d.present() && d.defaultBig() && d.granularity());
    assertFalse(d.longMode() || d.avl());
    assertEquals(3, d.dpl());
    assertEquals(0xffffffffL, d.effectiveLimit());
    assertEquals("code, execute/read", d.typeName());
    assertEquals("data, read-only, expand-down, accessed", SegmentDescriptor.of(0x0040f50000000000L).typeName());
    assertEquals("system, 32/64-bit TSS (busy)", SegmentDescriptor.of(SegmentDescriptor.gdtEntry(0x008b, 0, 0x67))
        .typeName());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 8, 65536})
  void rawRoundTrip(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      long raw = rnd.nextLong();
      assertEquals(raw, SegmentDescriptor.of(raw).raw(), "seed " + seed + " raw 0x" + Long.toHexString(raw));
      int flags = rnd.nextInt(0x10000) & 0xf0ff;
      long base = rnd.nextLong(1L << 32);
      long limit = rnd.nextInt(1 << 20);
      SegmentDescriptor d = SegmentDescriptor.of(SegmentDescriptor.gdtEntry(flags, base, limit));
      String msg = "seed " + seed + " flags 0x" + Integer.toHexString(flags);
      assertEquals(base, d.base(), msg);
      assertEquals(limit, d.limit(), msg);
      assertEquals(flags & 0xf, d.type(), msg);
      assertEquals((flags >> 5) & 3, d.dpl(), msg);
      assertEquals((flags & 0x8000) != 0, d.granularity(), msg);
      assertEquals((flags & 0x2000) != 0, d.longMode(), msg);
    }
  }
}
