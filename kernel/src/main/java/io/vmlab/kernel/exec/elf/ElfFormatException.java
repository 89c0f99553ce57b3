package io.vmlab.kernel.exec.elf;

/** A file exec cannot run: its message is {@code FILE: what is wrong}, one line. */
public final class ElfFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ElfFormatException(String file, String problem) {
    super(file + ": " + problem);
  }
}
