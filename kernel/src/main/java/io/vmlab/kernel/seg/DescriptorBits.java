package io.vmlab.kernel.seg;

/**
 * The fields of a raw 8-byte descriptor, read without decoding it into an object (the access path
 * allocates nothing). {@link io.vmlab.api.arch.SegmentDescriptor} is the decoded form.
 */
final class DescriptorBits {
  private DescriptorBits() {}

  static int type(long raw) {
    return (int) (raw >>> 40) & 0xf;
  }

  /** S: a code or data segment (not a system one). */
  static boolean codeOrData(long raw) {
    return ((raw >>> 44) & 1) != 0;
  }

  static int dpl(long raw) {
    return (int) (raw >>> 45) & 3;
  }

  static boolean present(long raw) {
    return ((raw >>> 47) & 1) != 0;
  }

  static boolean longMode(long raw) {
    return ((raw >>> 53) & 1) != 0;
  }

  static boolean defaultBig(long raw) {
    return ((raw >>> 54) & 1) != 0;
  }

  static long base(long raw) {
    return ((raw >>> 16) & 0xffffffL) | (((raw >>> 56) & 0xff) << 24);
  }

  /** The limit in bytes: with G=1 the 20-bit limit counts 4 KiB pages. */
  static long effectiveLimit(long raw) {
    long limit = (raw & 0xffff) | (((raw >>> 48) & 0xf) << 16);
    return ((raw >>> 55) & 1) != 0 ? (limit << 12) | 0xfff : limit;
  }

  static boolean isCode(long raw) {
    return codeOrData(raw) && (type(raw) & 0x8) != 0;
  }

  static boolean isData(long raw) {
    return codeOrData(raw) && (type(raw) & 0x8) == 0;
  }

  static boolean conformingCode(long raw) {
    return isCode(raw) && (type(raw) & 0x4) != 0;
  }

  static boolean expandDown(long raw) {
    return isData(raw) && (type(raw) & 0x4) != 0;
  }

  static boolean readableCode(long raw) {
    return isCode(raw) && (type(raw) & 0x2) != 0;
  }

  static boolean writableData(long raw) {
    return isData(raw) && (type(raw) & 0x2) != 0;
  }
}
