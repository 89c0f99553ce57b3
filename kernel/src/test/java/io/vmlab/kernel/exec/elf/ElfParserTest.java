package io.vmlab.kernel.exec.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ELF reader: 32- and 64-bit headers round-trip, and every bad file is one clear message. */
class ElfParserTest {
  private static final int R = ProgramHeader.PF_R;
  private static final int RX = ProgramHeader.PF_R | ProgramHeader.PF_X;
  private static final int RW = ProgramHeader.PF_R | ProgramHeader.PF_W;

  static ElfImageBuilder staticExec(int elfClass) {
    int machine = elfClass == ElfFile.ELFCLASS64 ? ElfFile.EM_X86_64 : ElfFile.EM_386;
    long base = elfClass == ElfFile.ELFCLASS64 ? 0x400000 : 0x8048000;
    return new ElfImageBuilder(elfClass, machine, ElfFile.ET_EXEC).entry(base + 0x1000)
        .load(R, 0, base, 0x518, 0x518)
        .load(RX, 0x1000, base + 0x1000, 0x2000, 0x2000)
        .load(RW, 0x36d8, base + 0x46d8, 0x100, 0x5000)
        .phdr(ProgramHeader.PT_GNU_STACK, RW, 0, 0, 0, 0, 16)
        .fileSize(0x4000);
  }

  @ParameterizedTest(name = "ELFCLASS{0}")
  @ValueSource(ints = {1, 2})
  void headers_and_program_headers_round_trip(int elfClass) {
    ElfFile f = ElfParser.parse("prog", staticExec(elfClass).interp(0x300, "/lib/ld.so").build());
    assertEquals(elfClass, f.elfClass());
    assertEquals(ElfFile.ET_EXEC, f.type());
    assertEquals(elfClass == 2 ? ElfFile.EM_X86_64 : ElfFile.EM_386, f.machine());
    assertEquals(elfClass == 2 ? 0x401000L : 0x8049000L, f.entry());
    assertEquals(elfClass == 2 ? 64 : 52, f.phoff());
    assertEquals(5, f.phnum());
    assertEquals(3, f.loads().size());
    ProgramHeader data = f.loads().get(2);
    assertEquals(0x36d8, data.offset());
    assertEquals(0x100, data.filesz());
    assertEquals(0x5000, data.memsz());
    assertEquals("RW-", data.flagString());
    assertEquals(RW, f.gnuStack().flags());
    assertEquals("/lib/ld.so", f.interpreter());
  }

  /** Seeded random layouts: what the builder writes, the parser reads back, field for field. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void random_segment_tables_round_trip(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int elfClass = rnd.nextBoolean() ? 2 : 1;
    ElfImageBuilder b = new ElfImageBuilder(elfClass, elfClass == 2 ? ElfFile.EM_X86_64 : ElfFile.EM_386,
        rnd.nextBoolean() ? ElfFile.ET_DYN : ElfFile.ET_EXEC);
    long vaddr = rnd.nextInt(16) << 12;
    long offset = 0;
    List<long[]> want = new ArrayList<>();
    int n = 1 + rnd.nextInt(8);
    for (int i = 0; i < n; i++) {
      long page = rnd.nextInt(4096);
      long filesz = rnd.nextInt(0x3000);
      long memsz = filesz + (rnd.nextBoolean() ? rnd.nextInt(0x4000) : 0);
      int flags = 1 + rnd.nextInt(7);
      b.load(flags, offset + page, vaddr + page, filesz, memsz);
      want.add(new long[] {flags, offset + page, vaddr + page, filesz, memsz});
      offset = (offset + page + filesz + 0xfff) & ~0xfffL;
      vaddr = (vaddr + page + memsz + 0x1fff) & ~0xfffL;
    }
    ElfFile f = ElfParser.parse("seed" + seed, b.fileSize(offset + 0x1000).build());
    assertEquals(n, f.loads().size(), "seed " + seed);
    for (int i = 0; i < n; i++) {
      ProgramHeader p = f.loads().get(i);
      long[] w = want.get(i);
      assertEquals(w[0], p.flags(), "seed " + seed + " #" + i);
      assertEquals(w[1], p.offset(), "seed " + seed + " #" + i);
      assertEquals(w[2], p.vaddr(), "seed " + seed + " #" + i);
      assertEquals(w[3], p.filesz(), "seed " + seed + " #" + i);
      assertEquals(w[4], p.memsz(), "seed " + seed + " #" + i);
    }
    assertNull(f.interpreter());
  }

  static Stream<Arguments> badFiles() {
    byte[] good = staticExec(2).build();
    byte[] bigEndian = good.clone();
    bigEndian[5] = 2;
    byte[] badClass = good.clone();
    badClass[4] = 3;
    byte[] rel = good.clone();
    rel[16] = 1;
    byte[] phent = good.clone();
    phent[54] = 32;
    return Stream.of(
        Arguments.of("empty", new byte[0], "not an ELF file"),
        Arguments.of("shell script", "#!/bin/sh\necho hi\n".getBytes(), "not an ELF file"),
        Arguments.of("magic only", new byte[] {0x7f, 'E', 'L', 'F'}, "truncated"),
        Arguments.of("half a header", java.util.Arrays.copyOf(good, 40), "truncated"),
        Arguments.of("cut in the program headers", java.util.Arrays.copyOf(good, 100), "truncated"),
        Arguments.of("cut in a segment", java.util.Arrays.copyOf(good, 0x2000), "truncated"),
        Arguments.of("class 3", badClass, "invalid ELF class 3"),
        Arguments.of("big-endian", bigEndian, "big-endian"),
        Arguments.of("relocatable", rel, "ET_REL is not a program"),
        Arguments.of("phentsize", phent, "e_phentsize 32"),
        Arguments.of("no program headers", new ElfImageBuilder(2, ElfFile.EM_X86_64, ElfFile.ET_EXEC).build(),
            "no program headers"),
        Arguments.of("no PT_LOAD", new ElfImageBuilder(2, ElfFile.EM_X86_64, ElfFile.ET_EXEC)
            .phdr(ProgramHeader.PT_GNU_STACK, RW, 0, 0, 0, 0, 16).build(), "no PT_LOAD"),
        Arguments.of("filesz > memsz", new ElfImageBuilder(2, ElfFile.EM_X86_64, ElfFile.ET_EXEC)
            .load(R, 0, 0x400000, 0x800, 0x400).fileSize(0x1000).build(), "p_filesz 0x800 is larger than p_memsz 0x400"),
        Arguments.of("overlapping PT_LOADs", new ElfImageBuilder(2, ElfFile.EM_X86_64, ElfFile.ET_EXEC)
            .load(R, 0, 0x400000, 0x1800, 0x1800).load(RX, 0x1000, 0x401000, 0x100, 0x100).fileSize(0x2000).build(),
            "PT_LOAD #1 [0x401000, 0x401100) overlaps PT_LOAD #0 [0x400000, 0x401800)"),
        Arguments.of("unsorted PT_LOADs", new ElfImageBuilder(2, ElfFile.EM_X86_64, ElfFile.ET_EXEC)
            .load(R, 0x1000, 0x401000, 0x100, 0x100).load(RX, 0, 0x400000, 0x100, 0x100).fileSize(0x2000).build(),
            "must be sorted by p_vaddr"),
        Arguments.of("offset and vaddr not congruent", new ElfImageBuilder(2, ElfFile.EM_X86_64, ElfFile.ET_EXEC)
            .load(R, 0x10, 0x400000, 0x100, 0x100).fileSize(0x1000).build(), "differ modulo the page size"),
        Arguments.of("32-bit segment past 4 GiB", new ElfImageBuilder(1, ElfFile.EM_386, ElfFile.ET_EXEC)
            .load(R, 0, 0xfffff000L, 0x100, 0x2000).fileSize(0x1000).build(), "wraps around"),
        Arguments.of("PT_INTERP without NUL", new ElfImageBuilder(2, ElfFile.EM_X86_64, ElfFile.ET_DYN)
            .phdr(ProgramHeader.PT_INTERP, R, 0x200, 0x200, 4, 4, 1).bytes(0x200, "/lib".getBytes())
            .load(R, 0, 0, 0x300, 0x300).fileSize(0x1000).build(), "not NUL-terminated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void a_bad_file_is_one_line_naming_the_file_and_the_problem(String what, byte[] image, String expected) {
    ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfParser.parse("bad.elf", image));
    assertTrue(e.getMessage().startsWith("bad.elf: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  /**
   * Every prefix of a good file that ends before its last segment's file bytes fails as a format
   * error, never another exception; longer prefixes still hold every byte exec maps.
   */
  @Test
  void every_truncation_is_a_format_error() {
    byte[] good = staticExec(1).interp(0x300, "/lib/ld-linux.so.2").build();
    long needed = 0;
    for (ProgramHeader p : ElfParser.parse("good", good).loads()) {
      needed = Math.max(needed, p.offset() + p.filesz());
    }
    for (int n = 0; n < needed; n += n < 512 ? 1 : 97) {
      byte[] cut = java.util.Arrays.copyOf(good, n);
      try {
        ElfParser.parse("cut", cut);
        fail("a " + n + "-byte prefix parsed");
      } catch (ElfFormatException e) {
        assertTrue(e.getMessage().startsWith("cut: "), e.getMessage());
      }
    }
  }

  /** Seeded random byte flips: the parser answers with a file or a format error, nothing else. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14})
  void random_corruption_is_parsed_or_refused_cleanly(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] good = staticExec(rnd.nextBoolean() ? 2 : 1).interp(0x300, "/lib/ld.so").build();
    for (int round = 0; round < 2000; round++) {
      byte[] b = good.clone();
      int flips = 1 + rnd.nextInt(4);
      for (int i = 0; i < flips; i++) {
        b[rnd.nextInt(Math.min(b.length, 0x320))] = (byte) rnd.nextInt(256);
      }
      try {
        ElfParser.parse("fuzz", b);
      } catch (ElfFormatException e) {
        assertTrue(e.getMessage().startsWith("fuzz: "), "seed " + seed + ": " + e.getMessage());
      } catch (RuntimeException e) {
        fail("seed " + seed + " round " + round + ": " + e);
      }
    }
  }
}
