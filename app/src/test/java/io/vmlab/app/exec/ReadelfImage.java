package io.vmlab.app.exec;

import io.vmlab.kernel.exec.elf.ElfFile;
import io.vmlab.kernel.exec.elf.ElfImageBuilder;
import io.vmlab.kernel.exec.elf.ProgramHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ELF file rebuilt from {@code readelf -hlW} output: the same header and program headers and
 * the same size, zeros elsewhere. Exec reads nothing else of a file, so a program the snapshots
 * show but do not ship (/usr/bin/true, ld.so) runs from its readelf text.
 */
final class ReadelfImage {
  private static final Pattern PHDR = Pattern.compile(
      "^\\s+([A-Z_]+)\\s+0x(\\S+)\\s+0x(\\S+)\\s+0x(\\S+)\\s+0x(\\S+)\\s+0x(\\S+)\\s(.{3})\\s0x(\\S+)\\s*$");
  private static final Map<String, Integer> TYPES = Map.ofEntries(
      Map.entry("NULL", ProgramHeader.PT_NULL), Map.entry("LOAD", ProgramHeader.PT_LOAD),
      Map.entry("DYNAMIC", ProgramHeader.PT_DYNAMIC), Map.entry("INTERP", ProgramHeader.PT_INTERP),
      Map.entry("NOTE", ProgramHeader.PT_NOTE), Map.entry("PHDR", ProgramHeader.PT_PHDR),
      Map.entry("TLS", ProgramHeader.PT_TLS), Map.entry("GNU_EH_FRAME", ProgramHeader.PT_GNU_EH_FRAME),
      Map.entry("GNU_STACK", ProgramHeader.PT_GNU_STACK), Map.entry("GNU_RELRO", ProgramHeader.PT_GNU_RELRO),
      Map.entry("GNU_PROPERTY", ProgramHeader.PT_GNU_PROPERTY));

  private ReadelfImage() {}

  /** The file image the readelf text describes. */
  static byte[] build(Path readelf) throws IOException {
    String text = Files.readString(readelf);
    boolean is64 = field(text, "Class").equals("ELF64");
    int type = field(text, "Type").startsWith("DYN") ? ElfFile.ET_DYN : ElfFile.ET_EXEC;
    int machine = field(text, "Machine").contains("X86-64") ? ElfFile.EM_X86_64 : ElfFile.EM_386;
    ElfImageBuilder b = new ElfImageBuilder(is64 ? ElfFile.ELFCLASS64 : ElfFile.ELFCLASS32, machine, type)
        .entry(Long.decode(field(text, "Entry point address")));
    long shoff = Long.parseLong(field(text, "Start of section headers").split(" ")[0]);
    long shsize = Long.parseLong(field(text, "Size of section headers").split(" ")[0]);
    long shnum = Long.parseLong(field(text, "Number of section headers").split(" ")[0]);
    b.fileSize(shoff + shsize * shnum);
    Matcher interp = Pattern.compile("\\[Requesting program interpreter: (.*)\\]").matcher(text);
    String interpPath = interp.find() ? interp.group(1) : null;
    for (String line : text.split("\n")) {
      Matcher m = PHDR.matcher(line);
      if (!m.matches() || !TYPES.containsKey(m.group(1))) {
        continue;
      }
      String f = m.group(7);
      int flags = (f.charAt(0) == 'R' ? ProgramHeader.PF_R : 0) | (f.charAt(1) == 'W' ? ProgramHeader.PF_W : 0)
          | (f.charAt(2) == 'E' ? ProgramHeader.PF_X : 0);
      long offset = Long.parseLong(m.group(2), 16);
      b.phdr(TYPES.get(m.group(1)), flags, offset, Long.parseLong(m.group(3), 16),
          Long.parseLong(m.group(5), 16), Long.parseLong(m.group(6), 16), Long.parseLong(m.group(8), 16));
      if (m.group(1).equals("INTERP")) {
        b.bytes(offset, (interpPath + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return b.build();
  }

  private static String field(String text, String name) {
    Matcher m = Pattern.compile("^\\s*" + Pattern.quote(name) + ":\\s+(.*?)\\s*$", Pattern.MULTILINE).matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("readelf text without '" + name + ":'");
    }
    return m.group(1);
  }
}
