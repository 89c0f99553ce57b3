package io.vmlab.app.exec;

import io.vmlab.kernel.exec.elf.ElfFile;
import io.vmlab.kernel.exec.elf.ElfImageBuilder;
import io.vmlab.kernel.exec.elf.ProgramHeader;

/**
 * Small ELF programs laid out as GNU ld lays out a C program (read-only headers, text,
 * read-only data, data with bss; PT_GNU_STACK without X), for runs that need a program but not
 * a particular one: a dynamic PIE and the ld.so it names, for a 64-bit or a 32-bit process.
 */
public final class SyntheticPrograms {
  /** The interpreter path the PIE names. */
  public static final String INTERP = "/lib/ld-synthetic.so";
  private static final int R = ProgramHeader.PF_R;
  private static final int RX = ProgramHeader.PF_R | ProgramHeader.PF_X;
  private static final int RW = ProgramHeader.PF_R | ProgramHeader.PF_W;

  private SyntheticPrograms() {}

  /** A dynamic PIE of the class (ELFCLASS32 is EM_386, ELFCLASS64 EM_X86_64). */
  public static byte[] pie(int elfClass) {
    ElfImageBuilder b = builder(elfClass, ElfFile.ET_DYN).entry(0x1040);
    int phsize = ElfFile.phdrSize(elfClass);
    long phoff = b.phoff();
    b.phdr(ProgramHeader.PT_PHDR, R, phoff, phoff, 7L * phsize, 7L * phsize, 8);
    b.interp(0x300, INTERP);
    b.load(R, 0, 0, 0x600, 0x600);
    b.load(RX, 0x1000, 0x1000, 0x180, 0x180);
    b.load(R, 0x2000, 0x2000, 0xf4, 0xf4);
    b.load(RW, 0x2dd0, 0x3dd0, 0x248, 0x1260);
    b.phdr(ProgramHeader.PT_GNU_STACK, RW, 0, 0, 0, 0, 16);
    return b.fileSize(0x4000).build();
  }

  /** An ld.so-like shared object (ET_DYN, first p_vaddr 0) of the class. */
  public static byte[] interpreter(int elfClass) {
    ElfImageBuilder b = builder(elfClass, ElfFile.ET_DYN).entry(0x1ab70);
    b.load(R, 0, 0, 0xd58, 0xd58);
    b.load(RX, 0x1000, 0x1000, 0x25111, 0x25111);
    b.load(R, 0x27000, 0x27000, 0x9c7c, 0x9c7c);
    b.load(RW, 0x31900, 0x31900, 0x2810, 0x29d8);
    b.phdr(ProgramHeader.PT_GNU_STACK, RW, 0, 0, 0, 0, 16);
    return b.fileSize(0x34800).build();
  }

  private static ElfImageBuilder builder(int elfClass, int type) {
    return new ElfImageBuilder(elfClass, elfClass == ElfFile.ELFCLASS64 ? ElfFile.EM_X86_64 : ElfFile.EM_386, type);
  }
}
