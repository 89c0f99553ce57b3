package io.vmlab.kernel.seg;

/**
 * struct user_desc (arch/x86/include/uapi/asm/ldt.h): what modify_ldt() and set_thread_area()
 * take to describe a segment.
 *
 * @param entryNumber the LDT or GDT (TLS) entry; -1 asks set_thread_area() for a free TLS slot
 * @param baseAddr the 32-bit base
 * @param limit the 20-bit limit (in pages when {@code limitInPages})
 * @param seg32bit D/B: a 32-bit segment (0 makes a 16-bit one)
 * @param contents 0 data, 1 expand-down data (a stack), 2 code, 3 conforming code (only with
 *     {@code segNotPresent})
 * @param readExecOnly data: read-only; code: execute-only
 * @param limitInPages G
 * @param segNotPresent P = 0
 * @param useable AVL
 * @param lm the L bit request, which the kernel ignores (fill_ldt() clears L)
 */
public record UserDesc(
    int entryNumber,
    long baseAddr,
    int limit,
    boolean seg32bit,
    int contents,
    boolean readExecOnly,
    boolean limitInPages,
    boolean segNotPresent,
    boolean useable,
    boolean lm) {
  /** contents: a data segment. */
  public static final int MODIFY_LDT_CONTENTS_DATA = 0;
  /** contents: an expand-down data segment. */
  public static final int MODIFY_LDT_CONTENTS_STACK = 1;
  /** contents: a code segment. */
  public static final int MODIFY_LDT_CONTENTS_CODE = 2;

  public UserDesc {
    if (contents < 0 || contents > 3) {
      throw new IllegalArgumentException("contents is a 2-bit field: " + contents);
    }
    baseAddr &= 0xffffffffL;
  }

  /** A present 32-bit read/write data segment at {@code base} with a byte-granular {@code limit}. */
  public static UserDesc data(int entry, long base, int limit) {
    return new UserDesc(entry, base, limit, true, MODIFY_LDT_CONTENTS_DATA, false, false, false, false, false);
  }

  /** LDT_empty(): the all-but-entry-number "no segment" form (read_exec_only and seg_not_present set). */
  public boolean ldtEmpty() {
    return baseAddr == 0 && limit == 0 && contents == 0 && readExecOnly && !seg32bit && !limitInPages
        && segNotPresent && !useable && !lm;
  }

  /** LDT_zero(): everything but the entry number zero, which old programs use to mean "no segment". */
  public boolean ldtZero() {
    return baseAddr == 0 && limit == 0 && contents == 0 && !readExecOnly && !seg32bit && !limitInPages
        && !segNotPresent && !useable;
  }

  /**
   * fill_ldt() (arch/x86/include/asm/desc.h): the descriptor, with S=1, DPL 3, the accessed bit
   * set (so the LDT can be mapped read-only) and L forced to 0.
   */
  public long fillLdt() {
    long type = ((readExecOnly ? 0 : 1) << 1) | ((long) contents << 2) | 1;
    return (limit & 0xffffL)
        | ((baseAddr & 0xffffffL) << 16)
        | (type << 40)
        | (1L << 44)
        | (3L << 45)
        | (segNotPresent ? 0 : 1L << 47)
        | (((limit >>> 16) & 0xfL) << 48)
        | (useable ? 1L << 52 : 0)
        | (seg32bit ? 1L << 54 : 0)
        | (limitInPages ? 1L << 55 : 0)
        | (((baseAddr >>> 24) & 0xff) << 56);
  }
}
