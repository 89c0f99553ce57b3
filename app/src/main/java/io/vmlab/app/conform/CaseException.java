package io.vmlab.app.conform;

/** A case file that cannot be used: the message names the file (and line where known). */
public final class CaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CaseException(String message) {
    super(message);
  }
}
