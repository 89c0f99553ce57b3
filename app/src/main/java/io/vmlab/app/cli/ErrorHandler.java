package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into output and an exit code: a {@link UserError} prints its
 * lines and exits 2; anything else is a failure inside vmlab, exit 1. Stack traces only with
 * {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    boolean verbose = GlobalOptions.effective(cmd.getCommandSpec()).verbose();
    PrintWriter err = cmd.getErr();
    if (ex instanceof UserError user) {
      user.lines().forEach(err::println);
      if (verbose && user.getCause() != null) {
        user.getCause().printStackTrace(err);
      }
      return ExitCodes.USAGE;
    }
    err.println("vmlab: internal error: " + ex);
    if (verbose) {
      ex.printStackTrace(err);
    } else {
      err.println("(run again with --verbose for the stack trace)");
    }
    return ExitCodes.FAILURE;
  }
}
