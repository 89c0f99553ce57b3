package io.vmlab.kernel.exec.elf;

import java.util.List;

/**
 * A parsed ELF executable: the header fields exec reads and the program headers, checked by
 * {@link ElfParser}.
 *
 * @param name the file's name for messages
 * @param elfClass EI_CLASS: {@link #ELFCLASS32} or {@link #ELFCLASS64}
 * @param type e_type: {@link #ET_EXEC} or {@link #ET_DYN}
 * @param machine e_machine (3 = EM_386, 62 = EM_X86_64)
 * @param interpreter the PT_INTERP path (without its NUL), or null
 */
public record ElfFile(String name, int elfClass, int type, int machine, long entry, long phoff,
    int phentsize, int phnum, List<ProgramHeader> phdrs, String interpreter) {
  public static final int ELFCLASS32 = 1;
  public static final int ELFCLASS64 = 2;
  public static final int ET_REL = 1;
  public static final int ET_EXEC = 2;
  public static final int ET_DYN = 3;
  public static final int ET_CORE = 4;
  public static final int EM_386 = 3;
  public static final int EM_486 = 6;
  public static final int EM_X86_64 = 62;

  public ElfFile {
    phdrs = List.copyOf(phdrs);
  }

  /** The PT_LOAD segments in table order. */
  public List<ProgramHeader> loads() {
    return phdrs.stream().filter(ProgramHeader::isLoad).toList();
  }

  /** The PT_GNU_STACK header, or null if the file has none. */
  public ProgramHeader gnuStack() {
    for (ProgramHeader p : phdrs) {
      if (p.type() == ProgramHeader.PT_GNU_STACK) {
        return p;
      }
    }
    return null;
  }

  /** Whether this is an ET_DYN file (a PIE, a static PIE or a shared object such as ld.so). */
  public boolean isDyn() {
    return type == ET_DYN;
  }

  /** sizeof(Elf_Phdr) of the class: 32 or 56. */
  public static int phdrSize(int elfClass) {
    return elfClass == ELFCLASS64 ? 56 : 32;
  }

  /** The class as readelf names it. */
  public static String className(int elfClass) {
    return elfClass == ELFCLASS64 ? "ELFCLASS64" : elfClass == ELFCLASS32 ? "ELFCLASS32" : "ELFCLASS" + elfClass;
  }

  /** e_machine as elf.h names it. */
  public static String machineName(int machine) {
    return switch (machine) {
      case EM_386 -> "EM_386";
      case EM_486 -> "EM_486";
      case EM_X86_64 -> "EM_X86_64";
      case 40 -> "EM_ARM";
      case 183 -> "EM_AARCH64";
      case 243 -> "EM_RISCV";
      default -> "e_machine " + machine;
    };
  }

  /** e_type as elf.h names it. */
  public static String typeName(int type) {
    return switch (type) {
      case ET_REL -> "ET_REL";
      case ET_EXEC -> "ET_EXEC";
      case ET_DYN -> "ET_DYN";
      case ET_CORE -> "ET_CORE";
      default -> "e_type " + type;
    };
  }
}
