package io.vmlab.kernel.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Assertions on packed segmentation faults. */
final class Faults {
  private Faults() {}

  /** {@code packed} is {@code exception(errorCode)} raised by {@code reason}. */
  static void assertFault(int packed, SegmentException exception, int errorCode, FaultReason reason) {
    SegmentFault f = SegmentFault.unpack(packed);
    assertNotNull(f, "expected " + exception.mnemonic() + " (" + reason + "), got no fault");
    assertEquals(new SegmentFault(exception, errorCode, reason), f, f.toString());
  }

  /** {@code packed} is no fault. */
  static void assertNoFault(int packed) {
    assertEquals(0, packed, () -> "unexpected " + SegmentFault.unpack(packed));
  }
}
