package io.vmlab.kernel.seg;

/** The CPU mode a process runs in, from EFER.LMA and its code segment's L bit. */
public enum AddressingMode {
  /** 32-bit protected mode (an i386 kernel): full segmentation, 32-bit linear addresses. */
  PROTECTED("32-bit protected mode"),
  /** IA-32e compatibility mode (a 32-bit process on x86-64): 32-bit segmentation as above. */
  COMPATIBILITY("compatibility mode"),
  /** 64-bit mode: no limit or type checks, bases 0 except FS and GS, canonical linear addresses. */
  LONG("64-bit mode");

  private final String text;

  AddressingMode(String text) {
    this.text = text;
  }

  /** The mode in words. */
  public String text() {
    return text;
  }
}
