package io.vmlab.kernel.exec;

/** open_exec() for the interpreter a program names in PT_INTERP. */
@FunctionalInterface
public interface FileResolver {
  /** The file at an absolute path, or null if there is none (ENOENT). */
  BinaryFile open(String path);

  /** No files at all. */
  FileResolver NONE = path -> null;
}
