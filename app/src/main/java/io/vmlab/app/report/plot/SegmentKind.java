package io.vmlab.app.report.plot;

import io.vmlab.app.report.model.VmaRow;
import java.awt.Color;

/** What a VMA is in the classic picture of an address space, and its colour there. */
public enum SegmentKind {
  /** Executable file mapping: program or library text. */
  TEXT("text (r-x file)", new Color(0x4e79a7)),
  /** Read-only file mapping: rodata, relro. */
  RODATA("read-only file data", new Color(0xa0cbe8)),
  /** Writable file mapping: .data. */
  DATA("data (rw- file)", new Color(0xf28e2b)),
  /** Anonymous memory: bss, mmap(MAP_ANONYMOUS). */
  ANON("anonymous (bss, mmap)", new Color(0xffbe7d)),
  /** The brk heap. */
  HEAP("[heap]", new Color(0x59a14f)),
  /** The main stack. */
  STACK("[stack]", new Color(0xe15759)),
  /** Kernel-provided special mappings: vdso, vvar, vsyscall. */
  SPECIAL("[vdso] [vvar] [vsyscall]", new Color(0xb07aa1)),
  /** No access: guard pages, reserved ranges. */
  GUARD("no access (---)", new Color(0xbab0ac));

  private final String legend;
  private final Color color;

  SegmentKind(String legend, Color color) {
    this.legend = legend;
    this.color = color;
  }

  /** The legend text. */
  public String legend() {
    return legend;
  }

  /** The fill colour. */
  public Color color() {
    return color;
  }

  /** The kind of {@code vma}, from its maps name and permissions. */
  public static SegmentKind of(VmaRow vma) {
    String name = vma.name();
    String perms = vma.perms();
    if (name.equals("[heap]")) {
      return HEAP;
    }
    if (name.startsWith("[stack")) {
      return STACK;
    }
    if (name.equals("[vdso]") || name.startsWith("[vvar") || name.equals("[vsyscall]") || name.equals("[sigpage]")) {
      return SPECIAL;
    }
    if (perms.startsWith("---")) {
      return GUARD;
    }
    boolean file = !name.isEmpty() && !name.startsWith("[");
    boolean exec = perms.length() > 2 && perms.charAt(2) == 'x';
    boolean write = perms.length() > 1 && perms.charAt(1) == 'w';
    if (!file) {
      return ANON;
    }
    return exec ? TEXT : write ? DATA : RODATA;
  }
}
