package io.vmlab.kernel.seg;

/**
 * A segment selector (16 bits): the descriptor index in bits 15..3, the table indicator in bit 2
 * (0 GDT, 1 LDT) and the requested privilege level in bits 1..0 (arch/x86/include/asm/segment.h
 * SEGMENT_RPL_MASK, SEGMENT_TI_MASK).
 */
public final class Selector {
  /** SEGMENT_RPL_MASK. */
  public static final int RPL_MASK = 0x3;
  /** SEGMENT_TI_MASK: the selector indexes the LDT. */
  public static final int TI_MASK = 0x4;

  private Selector() {}

  /** The descriptor index (bits 15..3). */
  public static int index(int selector) {
    return (selector & 0xffff) >>> 3;
  }

  /** Whether the selector indexes the LDT (TI = 1). */
  public static boolean ldt(int selector) {
    return (selector & TI_MASK) != 0;
  }

  /** The requested privilege level (bits 1..0). */
  public static int rpl(int selector) {
    return selector & RPL_MASK;
  }

  /** A null selector: index 0 in the GDT, any RPL (0 to 3). */
  public static boolean isNull(int selector) {
    return (selector & 0xfffc) == 0;
  }

  /** The selector of entry {@code index} in the GDT or LDT with privilege {@code rpl}. */
  public static int of(int index, boolean ldt, int rpl) {
    return (index << 3) | (ldt ? TI_MASK : 0) | (rpl & RPL_MASK);
  }

  /**
   * The error code a #GP, #SS or #NP about this selector pushes: index and TI as in the selector,
   * bit 1 (IDT) clear, bit 0 (EXT) set only when the fault interrupted the delivery of an external
   * event, which a memory access or a segment load never does.
   */
  public static int errorCode(int selector) {
    return selector & 0xfffc;
  }

  /** {@code index 14, TI 0 (GDT), RPL 3}. */
  public static String describe(int selector) {
    return "index " + index(selector) + ", TI " + (ldt(selector) ? "1 (LDT)" : "0 (GDT)") + ", RPL " + rpl(selector);
  }
}
