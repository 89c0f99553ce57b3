package io.vmlab.api.arch;

/** The kind of a memory access. */
public enum Access {
  READ,
  WRITE,
  /** Instruction fetch. */
  EXEC
}
