package io.vmlab.kernel.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Faults survive packing into an int, which is never 0. */
class SegmentFaultTest {
  @Test
  void everyCombinationRoundTrips() {
    assertNull(SegmentFault.unpack(0));
    for (SegmentException ex : SegmentException.values()) {
      for (FaultReason reason : FaultReason.values()) {
        for (int code : new int[] {0, 0x4, 0x60, 0xfff8, 0xfffc}) {
          int packed = SegmentFault.pack(ex, code, reason);
          assertNotEquals(0, packed);
          assertEquals(new SegmentFault(ex, code, reason), SegmentFault.unpack(packed));
        }
      }
    }
  }

  @Test
  void mnemonicsAreLinuxStyle() {
    assertEquals("#GP(0)", new SegmentFault(SegmentException.GP, 0, FaultReason.LIMIT).mnemonic());
    assertEquals("#GP(0x60)", new SegmentFault(SegmentException.GP, 0x60, FaultReason.PRIVILEGE).mnemonic());
    assertEquals("#SS(0x4)", new SegmentFault(SegmentException.SS, 4, FaultReason.NOT_PRESENT).mnemonic());
    assertEquals(13, SegmentException.GP.vector());
    assertEquals(12, SegmentException.SS.vector());
    assertEquals(11, SegmentException.NP.vector());
  }
}
