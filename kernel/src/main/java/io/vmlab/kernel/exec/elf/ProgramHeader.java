package io.vmlab.kernel.exec.elf;

/**
 * One program header (Elf32_Phdr / Elf64_Phdr), widened to 64 bits.
 *
 * @param index its position in the table (for messages)
 * @param type p_type (PT_LOAD, PT_INTERP, ...)
 * @param flags p_flags (PF_R, PF_W, PF_X)
 */
public record ProgramHeader(int index, int type, int flags, long offset, long vaddr, long paddr,
    long filesz, long memsz, long align) {
  public static final int PT_NULL = 0;
  public static final int PT_LOAD = 1;
  public static final int PT_DYNAMIC = 2;
  public static final int PT_INTERP = 3;
  public static final int PT_NOTE = 4;
  public static final int PT_PHDR = 6;
  public static final int PT_TLS = 7;
  public static final int PT_GNU_EH_FRAME = 0x6474e550;
  public static final int PT_GNU_STACK = 0x6474e551;
  public static final int PT_GNU_RELRO = 0x6474e552;
  public static final int PT_GNU_PROPERTY = 0x6474e553;

  public static final int PF_X = 1;
  public static final int PF_W = 2;
  public static final int PF_R = 4;

  /** Whether this is a PT_LOAD segment. */
  public boolean isLoad() {
    return type == PT_LOAD;
  }

  /** The flags as readelf prints them: {@code R-X}. */
  public String flagString() {
    return ((flags & PF_R) != 0 ? "R" : "-") + ((flags & PF_W) != 0 ? "W" : "-") + ((flags & PF_X) != 0 ? "X" : "-");
  }

  /** The type's name (PT_LOAD ...) or its number in hex. */
  public String typeName() {
    return switch (type) {
      case PT_NULL -> "PT_NULL";
      case PT_LOAD -> "PT_LOAD";
      case PT_DYNAMIC -> "PT_DYNAMIC";
      case PT_INTERP -> "PT_INTERP";
      case PT_NOTE -> "PT_NOTE";
      case PT_PHDR -> "PT_PHDR";
      case PT_TLS -> "PT_TLS";
      case PT_GNU_EH_FRAME -> "PT_GNU_EH_FRAME";
      case PT_GNU_STACK -> "PT_GNU_STACK";
      case PT_GNU_RELRO -> "PT_GNU_RELRO";
      case PT_GNU_PROPERTY -> "PT_GNU_PROPERTY";
      default -> "0x" + Integer.toHexString(type);
    };
  }
}
