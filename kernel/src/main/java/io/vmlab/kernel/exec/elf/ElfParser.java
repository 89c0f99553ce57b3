package io.vmlab.kernel.exec.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks an ELF executable the way load_elf_binary() and elf_read_phdrs() do, plus the
 * checks exec leaves to a later failure (segments past the end of the file, overlapping or
 * unordered PT_LOADs). Every problem is one {@link ElfFormatException} naming the file.
 */
public final class ElfParser {
  private static final int EI_NIDENT = 16;
  /** elf_read_phdrs(): at most 64 KiB of program headers. */
  private static final int MAX_PHDR_BYTES = 65536;

  private ElfParser() {}

  /** Parses a whole file. */
  public static ElfFile parse(String name, byte[] data) {
    return parse(name, data, data.length);
  }

  /**
   * Parses {@code data}, the first bytes of a file of {@code fileSize} bytes (the headers must be
   * in {@code data}; segments are checked against {@code fileSize}).
   */
  public static ElfFile parse(String name, byte[] data, long fileSize) {
    if (data.length < 4 || data[0] != 0x7f || data[1] != 'E' || data[2] != 'L' || data[3] != 'F') {
      throw new ElfFormatException(name, data.length < 4 && isPrefixOfMagic(data)
          ? "truncated: " + data.length + " bytes, not even the ELF magic"
          : "not an ELF file (no \\x7fELF magic at the start)");
    }
    if (data.length < EI_NIDENT) {
      throw new ElfFormatException(name, "truncated: " + data.length + " bytes, shorter than e_ident");
    }
    int elfClass = data[4];
    if (elfClass != ElfFile.ELFCLASS32 && elfClass != ElfFile.ELFCLASS64) {
      throw new ElfFormatException(name, "invalid ELF class " + elfClass + " (EI_CLASS must be 1 or 2)");
    }
    int encoding = data[5];
    if (encoding != 1) {
      throw new ElfFormatException(name, encoding == 2
          ? "big-endian ELF (ELFDATA2MSB): only little-endian x86 programs run here"
          : "invalid data encoding " + encoding + " (EI_DATA)");
    }
    boolean is64 = elfClass == ElfFile.ELFCLASS64;
    int ehsize = is64 ? 64 : 52;
    if (data.length < ehsize) {
      throw new ElfFormatException(name, "truncated: " + data.length + " bytes, shorter than the "
          + ehsize + "-byte " + ElfFile.className(elfClass) + " header");
    }
    LittleEndian in = new LittleEndian(data);
    int type = in.u16(16);
    int machine = in.u16(18);
    long entry = is64 ? in.u64(24) : in.u32(24);
    long phoff = is64 ? in.u64(32) : in.u32(28);
    int phentsize = in.u16(is64 ? 54 : 42);
    int phnum = in.u16(is64 ? 56 : 44);
    if (type != ElfFile.ET_EXEC && type != ElfFile.ET_DYN) {
      throw new ElfFormatException(name, ElfFile.typeName(type) + " is not a program exec can run (need ET_EXEC or ET_DYN)");
    }
    int want = ElfFile.phdrSize(elfClass);
    if (phentsize != want) {
      throw new ElfFormatException(name, "e_phentsize " + phentsize + ", but an " + ElfFile.className(elfClass)
          + " program header has " + want + " bytes");
    }
    long tableBytes = (long) phnum * want;
    if (phnum == 0) {
      throw new ElfFormatException(name, "no program headers (e_phnum 0)");
    }
    if (tableBytes > MAX_PHDR_BYTES) {
      throw new ElfFormatException(name, "too many program headers (" + phnum + "): more than 64 KiB");
    }
    if (phoff < 0 || phoff + tableBytes > data.length || phoff + tableBytes > fileSize) {
      throw new ElfFormatException(name, "truncated: the program headers end at 0x" + Long.toHexString(phoff + tableBytes)
          + " but the file has " + Math.min(fileSize, data.length) + " bytes");
    }
    List<ProgramHeader> phdrs = new ArrayList<>(phnum);
    for (int i = 0; i < phnum; i++) {
      int o = (int) (phoff + (long) i * want);
      phdrs.add(is64
          ? new ProgramHeader(i, in.i32(o), in.i32(o + 4), in.u64(o + 8), in.u64(o + 16), in.u64(o + 24),
              in.u64(o + 32), in.u64(o + 40), in.u64(o + 48))
          : new ProgramHeader(i, in.i32(o), in.i32(o + 24), in.u32(o + 4), in.u32(o + 8), in.u32(o + 12),
              in.u32(o + 16), in.u32(o + 20), in.u32(o + 28)));
    }
    checkLoads(name, phdrs, fileSize, is64);
    String interp = interpreter(name, phdrs, data, fileSize);
    return new ElfFile(name, elfClass, type, machine, entry, phoff, phentsize, phnum, phdrs, interp);
  }

  private static boolean isPrefixOfMagic(byte[] data) {
    byte[] magic = {0x7f, 'E', 'L', 'F'};
    for (int i = 0; i < data.length; i++) {
      if (data[i] != magic[i]) {
        return false;
      }
    }
    return data.length > 0;
  }

  /** The PT_LOAD rules: sizes, file range, page congruence, order and overlap. */
  private static void checkLoads(String name, List<ProgramHeader> phdrs, long fileSize, boolean is64) {
    ProgramHeader prev = null;
    long addrLimit = is64 ? -1L : 0xffffffffL;
    for (ProgramHeader p : phdrs) {
      if (!p.isLoad()) {
        continue;
      }
      String what = "PT_LOAD #" + p.index();
      if (Long.compareUnsigned(p.filesz(), p.memsz()) > 0) {
        throw new ElfFormatException(name, what + ": p_filesz 0x" + Long.toHexString(p.filesz())
            + " is larger than p_memsz 0x" + Long.toHexString(p.memsz()));
      }
      long fileEnd = p.offset() + p.filesz();
      if (Long.compareUnsigned(fileEnd, p.offset()) < 0 || Long.compareUnsigned(fileEnd, fileSize) > 0) {
        throw new ElfFormatException(name, "truncated: " + what + " needs file bytes up to 0x" + Long.toHexString(fileEnd)
            + " but the file has " + fileSize + " bytes");
      }
      long memEnd = p.vaddr() + p.memsz();
      if (Long.compareUnsigned(memEnd, p.vaddr()) < 0 || (!is64 && Long.compareUnsigned(memEnd, addrLimit + 1) > 0)) {
        throw new ElfFormatException(name, what + ": [0x" + Long.toHexString(p.vaddr()) + ", +0x"
            + Long.toHexString(p.memsz()) + ") wraps around the address space");
      }
      if (((p.offset() ^ p.vaddr()) & 0xfff) != 0) {
        throw new ElfFormatException(name, what + ": p_offset 0x" + Long.toHexString(p.offset()) + " and p_vaddr 0x"
            + Long.toHexString(p.vaddr()) + " differ modulo the page size, so it cannot be mapped");
      }
      if (prev != null && p.memsz() > 0) {
        long prevEnd = prev.vaddr() + prev.memsz();
        if (Long.compareUnsigned(p.vaddr(), prevEnd) < 0) {
          boolean below = Long.compareUnsigned(p.vaddr(), prev.vaddr()) < 0;
          throw new ElfFormatException(name, below
              ? what + " at 0x" + Long.toHexString(p.vaddr()) + " comes after PT_LOAD #" + prev.index() + " at 0x"
                  + Long.toHexString(prev.vaddr()) + ": PT_LOAD segments must be sorted by p_vaddr"
              : what + " [0x" + Long.toHexString(p.vaddr()) + ", 0x" + Long.toHexString(memEnd) + ") overlaps PT_LOAD #"
                  + prev.index() + " [0x" + Long.toHexString(prev.vaddr()) + ", 0x" + Long.toHexString(prevEnd) + ")");
        }
      }
      if (p.memsz() > 0) {
        prev = p;
      }
    }
    if (phdrs.stream().noneMatch(ProgramHeader::isLoad)) {
      throw new ElfFormatException(name, "no PT_LOAD segment: nothing to map");
    }
  }

  /** The first PT_INTERP's path, checked as load_elf_binary() does (2..PATH_MAX bytes, NUL-terminated). */
  private static String interpreter(String name, List<ProgramHeader> phdrs, byte[] data, long fileSize) {
    for (ProgramHeader p : phdrs) {
      if (p.type() != ProgramHeader.PT_INTERP) {
        continue;
      }
      if (p.filesz() > 4096 || p.filesz() < 2) {
        throw new ElfFormatException(name, "PT_INTERP: bad size " + p.filesz() + " (2 to 4096 bytes)");
      }
      long end = p.offset() + p.filesz();
      if (Long.compareUnsigned(end, fileSize) > 0 || Long.compareUnsigned(end, data.length) > 0) {
        throw new ElfFormatException(name, "truncated: PT_INTERP needs file bytes up to 0x" + Long.toHexString(end)
            + " but the file has " + Math.min(fileSize, data.length) + " bytes");
      }
      int off = (int) p.offset();
      int len = (int) p.filesz();
      if (data[off + len - 1] != 0) {
        throw new ElfFormatException(name, "PT_INTERP: the interpreter path is not NUL-terminated");
      }
      int n = 0;
      while (n < len && data[off + n] != 0) {
        n++;
      }
      return new String(data, off, n, StandardCharsets.UTF_8);
    }
    return null;
  }

  /** Little-endian reads from a byte array. */
  private record LittleEndian(byte[] b) {
    int u16(int o) {
      return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
    }

    int i32(int o) {
      return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
    }

    long u32(int o) {
      return i32(o) & 0xffffffffL;
    }

    long u64(int o) {
      return u32(o) | u32(o + 4) << 32;
    }
  }
}
