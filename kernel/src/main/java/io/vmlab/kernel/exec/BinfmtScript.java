package io.vmlab.kernel.exec;

import io.vmlab.kernel.mm.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * load_script() of fs/binfmt_script.c (6.1): a file starting with "#!" runs its interpreter with
 * argv = {interpreter, [its one argument], the script's path, argv[1]...}. exec_binprm() allows
 * five levels of interpreters. The stack's strings are those of an execve() of that argv, with
 * AT_EXECFN still the path the caller gave.
 */
final class BinfmtScript {
  /** BINPRM_BUF_SIZE: the bytes of the file the #! line is parsed from. */
  private static final int BUF_SIZE = 256;
  /** exec_binprm(): "if (++depth > 5) return -ELOOP". */
  private static final int MAX_DEPTH = 5;

  /** The program exec_binprm() ends with, and the argv it gets. */
  record Resolved(BinaryFile program, List<String> argv) {}

  private BinfmtScript() {}

  static boolean isScript(BinaryFile f) {
    byte[] b = f.image();
    return b.length >= 2 && b[0] == '#' && b[1] == '!';
  }

  /** Follows #! lines from the requested file to a binary. */
  static Resolved resolve(ExecRequest req) {
    BinaryFile prog = req.program();
    List<String> argv = req.argv();
    String interpPath = req.filename(); // bprm->interp
    for (int depth = 0; isScript(prog); depth++) {
      if (depth >= MAX_DEPTH) {
        throw new ExecException(Errno.ELOOP, req.program().source() + ": more than " + MAX_DEPTH
            + " levels of #! interpreters");
      }
      String[] line = parse(prog);
      List<String> next = new ArrayList<>();
      next.add(line[0]);
      if (line[1] != null) {
        next.add(line[1]);
      }
      next.add(interpPath);
      // remove_arg_zero(): argv[0] gives way to the script's path.
      next.addAll(argv.isEmpty() ? argv : argv.subList(1, argv.size()));
      BinaryFile interp = req.interpreters().open(line[0]);
      if (interp == null) {
        throw new ExecException(Errno.ENOENT, prog.source() + ": interpreter " + line[0] + " (#!) not found");
      }
      argv = next;
      interpPath = line[0];
      prog = interp;
    }
    return new Resolved(prog, argv);
  }

  /** The interpreter path and its optional argument (or null) of a #! line. */
  private static String[] parse(BinaryFile f) {
    byte[] img = f.image();
    int n = Math.min(img.length, BUF_SIZE);
    int end = -1;
    for (int i = 2; i < n; i++) {
      if (img[i] == '\n') {
        end = i;
        break;
      }
    }
    if (end < 0) {
      // No newline in the buffer: only an interpreter path followed by a blank or NUL is trusted.
      int i = skipBlanks(img, 2, n);
      if (i == n || terminator(img, i, n) == n) {
        throw new ExecException(Errno.ENOEXEC, f.source() + ": the #! line names no interpreter within "
            + BUF_SIZE + " bytes");
      }
      end = n;
    }
    int nameStart = skipBlanks(img, 2, end);
    int nameEnd = terminator(img, nameStart, end);
    if (nameStart == nameEnd) {
      throw new ExecException(Errno.ENOEXEC, f.source() + ": the #! line names no interpreter");
    }
    String name = new String(img, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
    String arg = null;
    if (nameEnd < end && img[nameEnd] != 0) {
      int argStart = skipBlanks(img, nameEnd, end);
      int argEnd = end;
      while (argEnd > argStart && (img[argEnd - 1] == ' ' || img[argEnd - 1] == '\t')) {
        argEnd--;
      }
      for (int i = argStart; i < argEnd; i++) {
        if (img[i] == 0) {
          argEnd = i;
          break;
        }
      }
      if (argEnd > argStart) {
        arg = new String(img, argStart, argEnd - argStart, StandardCharsets.UTF_8);
      }
    }
    return new String[] {name, arg};
  }

  private static int skipBlanks(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** The first space, tab or NUL from {@code i}, or {@code end}. */
  private static int terminator(byte[] b, int i, int end) {
    while (i < end && b[i] != ' ' && b[i] != '\t' && b[i] != 0) {
      i++;
    }
    return i;
  }
}
