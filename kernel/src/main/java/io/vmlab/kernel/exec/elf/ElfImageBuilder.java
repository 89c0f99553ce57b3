package io.vmlab.kernel.exec.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a little-endian ELF file: the header, a program header table right after it, and bytes
 * placed at given offsets (a PT_INTERP path). For synthetic programs (ASLR measurements, tests)
 * and for files rebuilt from {@code readelf -lW} output; section headers are not written.
 */
public final class ElfImageBuilder {
  private final int elfClass;
  private final int machine;
  private final int type;
  private long entry;
  private long fileSize;
  private final List<long[]> phdrs = new ArrayList<>();
  private final List<Object[]> blobs = new ArrayList<>();

  public ElfImageBuilder(int elfClass, int machine, int type) {
    this.elfClass = elfClass;
    this.machine = machine;
    this.type = type;
  }

  /** e_entry. */
  public ElfImageBuilder entry(long entry) {
    this.entry = entry;
    return this;
  }

  /** The file's size (at least the headers and placed bytes; the rest reads as zero). */
  public ElfImageBuilder fileSize(long size) {
    this.fileSize = size;
    return this;
  }

  /** Appends a program header. */
  public ElfImageBuilder phdr(int ptype, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
    phdrs.add(new long[] {ptype, flags, offset, vaddr, vaddr, filesz, memsz, align});
    return this;
  }

  /** Appends a PT_LOAD. */
  public ElfImageBuilder load(int flags, long offset, long vaddr, long filesz, long memsz) {
    return phdr(ProgramHeader.PT_LOAD, flags, offset, vaddr, filesz, memsz, 0x1000);
  }

  /** Places bytes at a file offset. */
  public ElfImageBuilder bytes(long offset, byte[] data) {
    blobs.add(new Object[] {offset, data.clone()});
    return this;
  }

  /** A PT_INTERP naming {@code path}, with the path stored at {@code offset}. */
  public ElfImageBuilder interp(long offset, String path) {
    byte[] s = (path + "\0").getBytes(StandardCharsets.UTF_8);
    bytes(offset, s);
    return phdr(ProgramHeader.PT_INTERP, ProgramHeader.PF_R, offset, offset, s.length, s.length, 1);
  }

  /** The offset of the program header table. */
  public long phoff() {
    return elfClass == ElfFile.ELFCLASS64 ? 64 : 52;
  }

  /** The file image. */
  public byte[] build() {
    boolean is64 = elfClass == ElfFile.ELFCLASS64;
    int ehsize = is64 ? 64 : 52;
    int phsize = ElfFile.phdrSize(elfClass);
    long end = ehsize + (long) phsize * phdrs.size();
    for (Object[] b : blobs) {
      end = Math.max(end, (Long) b[0] + ((byte[]) b[1]).length);
    }
    byte[] out = new byte[(int) Math.max(end, fileSize)];
    out[0] = 0x7f;
    out[1] = 'E';
    out[2] = 'L';
    out[3] = 'F';
    out[4] = (byte) elfClass;
    out[5] = 1;
    out[6] = 1;
    put(out, 16, 2, type);
    put(out, 18, 2, machine);
    put(out, 20, 4, 1);
    if (is64) {
      put(out, 24, 8, entry);
      put(out, 32, 8, ehsize);
      put(out, 52, 2, ehsize);
      put(out, 54, 2, phsize);
      put(out, 56, 2, phdrs.size());
      put(out, 58, 2, 64);
    } else {
      put(out, 24, 4, entry);
      put(out, 28, 4, ehsize);
      put(out, 40, 2, ehsize);
      put(out, 42, 2, phsize);
      put(out, 44, 2, phdrs.size());
      put(out, 46, 2, 40);
    }
    for (int i = 0; i < phdrs.size(); i++) {
      long[] p = phdrs.get(i);
      int o = ehsize + i * phsize;
      if (is64) {
        put(out, o, 4, p[0]);
        put(out, o + 4, 4, p[1]);
        put(out, o + 8, 8, p[2]);
        put(out, o + 16, 8, p[3]);
        put(out, o + 24, 8, p[4]);
        put(out, o + 32, 8, p[5]);
        put(out, o + 40, 8, p[6]);
        put(out, o + 48, 8, p[7]);
      } else {
        put(out, o, 4, p[0]);
        put(out, o + 4, 4, p[2]);
        put(out, o + 8, 4, p[3]);
        put(out, o + 12, 4, p[4]);
        put(out, o + 16, 4, p[5]);
        put(out, o + 20, 4, p[6]);
        put(out, o + 24, 4, p[1]);
        put(out, o + 28, 4, p[7]);
      }
    }
    for (Object[] b : blobs) {
      byte[] d = (byte[]) b[1];
      System.arraycopy(d, 0, out, (int) (long) (Long) b[0], d.length);
    }
    return out;
  }

  private static void put(byte[] b, int off, int size, long v) {
    for (int i = 0; i < size; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }
}
