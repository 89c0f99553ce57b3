package io.vmlab.api.arch;

/**
 * An 8-byte x86 segment descriptor (struct desc_struct, arch/x86/include/asm/desc_defs.h),
 * decoded. The raw form is what the GDT and LDT hold.
 *
 * @param base the 32-bit base address
 * @param limit the 20-bit limit as stored (in pages when {@code g})
 * @param type the 4-bit type: for code/data (S=1) bit 3 is code, bit 2 conforming/expand-down,
 *     bit 1 readable/writable, bit 0 accessed; for system segments (S=0) the system type
 * @param s 1 for a code or data segment, 0 for a system segment (TSS, LDT, gates)
 * @param dpl the descriptor privilege level
 * @param present the P bit
 * @param avl the bit left to software
 * @param longMode the L bit: 64-bit code segment
 * @param defaultBig the D/B bit: 32-bit segment (code: default operand size; stack/expand-down
 *     data: upper bound 0xffffffff instead of 0xffff)
 * @param granularity the G bit: limit in 4 KiB units
 */
public record SegmentDescriptor(
    long base,
    int limit,
    int type,
    boolean s,
    int dpl,
    boolean present,
    boolean avl,
    boolean longMode,
    boolean defaultBig,
    boolean granularity) {
  /** Type bit 3 (with S=1): a code segment. */
  public static final int TYPE_CODE = 0x8;
  /** Type bit 2: conforming (code) or expand-down (data). */
  public static final int TYPE_CONFORMING_OR_DOWN = 0x4;
  /** Type bit 1: readable (code) or writable (data). */
  public static final int TYPE_READ_OR_WRITE = 0x2;
  /** Type bit 0: accessed. */
  public static final int TYPE_ACCESSED = 0x1;

  /** Decodes a raw descriptor. */
  public static SegmentDescriptor of(long raw) {
    long base = ((raw >>> 16) & 0xffffffL) | (((raw >>> 56) & 0xff) << 24);
    int limit = (int) ((raw & 0xffff) | (((raw >>> 48) & 0xf) << 16));
    return new SegmentDescriptor(base, limit, (int) (raw >>> 40) & 0xf, bit(raw, 44), (int) (raw >>> 45) & 3,
        bit(raw, 47), bit(raw, 52), bit(raw, 53), bit(raw, 54), bit(raw, 55));
  }

  /**
   * GDT_ENTRY(flags, base, limit) of arch/x86/include/asm/segment.h, the macro Linux's GDT
   * initializers use: flags 0xc09a is G=1, D=1, P=1, DPL 0, S=1, type 0xa.
   */
  public static long gdtEntry(int flags, long base, long limit) {
    return ((base & 0xff000000L) << (56 - 24))
        | (((long) flags & 0xf0ffL) << 40)
        | ((limit & 0x000f0000L) << (48 - 16))
        | ((base & 0x00ffffffL) << 16)
        | (limit & 0x0000ffffL);
  }

  /** The raw 8 bytes. */
  public long raw() {
    return (limit & 0xffffL)
        | ((base & 0xffffffL) << 16)
        | ((long) (type & 0xf) << 40)
        | (s ? 1L << 44 : 0)
        | ((long) (dpl & 3) << 45)
        | (present ? 1L << 47 : 0)
        | (((long) limit >>> 16 & 0xf) << 48)
        | (avl ? 1L << 52 : 0)
        | (longMode ? 1L << 53 : 0)
        | (defaultBig ? 1L << 54 : 0)
        | (granularity ? 1L << 55 : 0)
        | (((base >>> 24) & 0xff) << 56);
  }

  /** The limit in bytes the CPU checks: {@code (limit << 12) | 0xfff} with G=1. */
  public long effectiveLimit() {
    return granularity ? ((long) limit << 12) | 0xfff : limit;
  }

  /** A code segment (S=1, type bit 3). */
  public boolean isCode() {
    return s && (type & TYPE_CODE) != 0;
  }

  /** A data segment (S=1, type bit 3 clear). */
  public boolean isData() {
    return s && (type & TYPE_CODE) == 0;
  }

  /** A conforming code segment. */
  public boolean conforming() {
    return isCode() && (type & TYPE_CONFORMING_OR_DOWN) != 0;
  }

  /** An expand-down data segment: valid offsets lie above the limit. */
  public boolean expandDown() {
    return isData() && (type & TYPE_CONFORMING_OR_DOWN) != 0;
  }

  /** A code segment that may be read (not execute-only). */
  public boolean readable() {
    return isData() || (isCode() && (type & TYPE_READ_OR_WRITE) != 0);
  }

  /** A writable data segment. */
  public boolean writable() {
    return isData() && (type & TYPE_READ_OR_WRITE) != 0;
  }

  /** What the type says, e.g. {@code code, execute/read} or {@code data, read/write, expand-down}. */
  public String typeName() {
    if (!s) {
      return systemTypeName(type);
    }
    StringBuilder sb = new StringBuilder();
    if ((type & TYPE_CODE) != 0) {
      sb.append("code, ").append((type & TYPE_READ_OR_WRITE) != 0 ? "execute/read" : "execute-only");
      if ((type & TYPE_CONFORMING_OR_DOWN) != 0) {
        sb.append(", conforming");
      }
    } else {
      sb.append("data, ").append((type & TYPE_READ_OR_WRITE) != 0 ? "read/write" : "read-only");
      if ((type & TYPE_CONFORMING_OR_DOWN) != 0) {
        sb.append(", expand-down");
      }
    }
    if ((type & TYPE_ACCESSED) != 0) {
      sb.append(", accessed");
    }
    return sb.toString();
  }

  private static String systemTypeName(int type) {
    switch (type) {
      case 0x2:
        return "system, LDT";
      case 0x9:
        return "system, 32/64-bit TSS (available)";
      case 0xb:
        return "system, 32/64-bit TSS (busy)";
      case 0xc:
        return "system, call gate";
      case 0x0:
        return "system, reserved (empty descriptor)";
      default:
        return "system, type 0x" + Integer.toHexString(type);
    }
  }

  private static boolean bit(long raw, int n) {
    return ((raw >>> n) & 1) != 0;
  }
}
