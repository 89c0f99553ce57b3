package io.vmlab.kernel.seg;

/**
 * A segmentation fault as the CPU raises it: the exception, the error code it pushes and the check
 * that failed. The hot path passes faults around packed in an int (0 = no fault) so that nothing
 * is allocated; {@link #unpack(int)} gives the record.
 *
 * @param exception #GP, #SS or #NP
 * @param errorCode the pushed error code: the selector's index and TI bits, or 0
 * @param reason which check failed
 */
public record SegmentFault(SegmentException exception, int errorCode, FaultReason reason) {
  private static final SegmentException[] EXCEPTIONS = SegmentException.values();
  private static final FaultReason[] REASONS = FaultReason.values();

  /** Packs a fault into a non-zero int. */
  public static int pack(SegmentException exception, int errorCode, FaultReason reason) {
    return (errorCode & 0xffff) | ((exception.ordinal() + 1) << 16) | (reason.ordinal() << 18);
  }

  /** The fault a packed int holds, or null for 0. */
  public static SegmentFault unpack(int packed) {
    if (packed == 0) {
      return null;
    }
    return new SegmentFault(EXCEPTIONS[((packed >>> 16) & 3) - 1], packed & 0xffff, REASONS[packed >>> 18]);
  }

  /** {@code #GP(0x60)}, {@code #SS(0)}: the exception with its error code, as Linux prints it. */
  public String mnemonic() {
    return exception.mnemonic() + "(" + (errorCode == 0 ? "0" : "0x" + Integer.toHexString(errorCode)) + ")";
  }

  /** {@code #GP(0x60): privilege check failed}. */
  @Override
  public String toString() {
    return mnemonic() + ": " + reason.text();
  }
}
