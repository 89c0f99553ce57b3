package io.vmlab.kernel.seg;

/** Which check raised a segmentation fault. */
public enum FaultReason {
  /** A null selector loaded into CS or SS. */
  NULL_SELECTOR_LOAD("null selector loaded into CS or SS"),
  /** A memory access through a segment register holding a null selector. */
  NULL_SELECTOR_ACCESS("memory access through a null selector"),
  /** TI = 1 but the process has no LDT (LDTR holds a null selector). */
  NO_LDT("the selector indexes the LDT but the process has none"),
  /** The index lies beyond the descriptor table's limit. */
  BEYOND_TABLE_LIMIT("selector index beyond the descriptor table limit"),
  /** DS/ES/FS/GS loaded with a system segment or an execute-only code segment. */
  NOT_DATA_OR_READABLE_CODE("not a data or readable code segment"),
  /** CS loaded with something other than a code segment. */
  NOT_CODE("not a code segment"),
  /** SS loaded with something other than a writable data segment. */
  NOT_WRITABLE_DATA("not a writable data segment"),
  /** A code segment with both L and D set in IA-32e mode. */
  LONG_AND_DEFAULT_BIG("code segment with L=1 and D=1"),
  /** SS loaded with a selector whose RPL differs from CPL. */
  RPL_NOT_CPL("RPL differs from CPL"),
  /** The DPL check failed. */
  PRIVILEGE("privilege check failed"),
  /** P = 0. */
  NOT_PRESENT("segment not present"),
  /** A write through a code segment. */
  WRITE_TO_CODE("write to a code segment"),
  /** A write through a read-only data segment. */
  WRITE_TO_READ_ONLY("write to a read-only data segment"),
  /** A read through an execute-only code segment. */
  READ_EXECUTE_ONLY("read from an execute-only code segment"),
  /** The offset (or its last byte) lies outside the segment limit. */
  LIMIT("offset outside the segment limit"),
  /** The linear address is not canonical (long mode). */
  NON_CANONICAL("non-canonical linear address");

  private final String text;

  FaultReason(String text) {
    this.text = text;
  }

  /** The reason in words. */
  public String text() {
    return text;
  }
}
