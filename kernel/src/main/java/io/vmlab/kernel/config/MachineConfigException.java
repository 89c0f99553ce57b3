package io.vmlab.kernel.config;

/**
 * A machine description the kernel cannot build: an unknown architecture, paging mode or policy.
 * {@link #key()} names the offending setting ({@code arch}, {@code policies.replacement}, ...) so
 * the caller can point at its place in the YAML file.
 */
public final class MachineConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public MachineConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The setting at fault, as a dotted path below {@code machine}. */
  public String key() {
    return key;
  }
}
