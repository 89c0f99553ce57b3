package io.vmlab.app.script;

/** A step that cannot be run as written (unknown op, bad argument): names the step and the problem. */
public final class StepError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StepError(String message) {
    super(message);
  }
}
