package io.vmlab.kernel.exec;

import io.vmlab.kernel.mm.Vma;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * struct linux_binprm: what exec carries from the execve() arguments to the loader. The
 * strings are NUL-terminated byte strings; {@code p} is the stack pointer while the argument
 * pages are filled (it only goes down).
 */
final class Binprm {
  /** The execve() path (AT_EXECFN, and bprm->filename for the comm). */
  final byte[] filename;
  /** argv strings, "" added when execve() got none (5.18+: the kernel forces argc >= 1). */
  final List<byte[]> argv = new ArrayList<>();
  final List<byte[]> envp = new ArrayList<>();
  /** sizeof(void *) of the kernel: the size of the end marker at the stack top. */
  final int kernelPointerBytes;
  /** Whether execve() was given an empty argv. */
  final boolean emptyArgv;

  /** The stack VMA holding the argument pages. */
  Vma vma;
  /** bprm->p. */
  long p;
  /** bprm->exec: where the filename string was copied (AT_EXECFN). */
  long exec;
  /** The lowest address copy_strings() may reach (bprm->argmin). */
  long argmin;

  Binprm(String filename, List<String> argv, List<String> envp, int kernelPointerBytes) {
    this.filename = nul(filename);
    for (String s : argv) {
      this.argv.add(nul(s));
    }
    for (String s : envp) {
      this.envp.add(nul(s));
    }
    this.emptyArgv = argv.isEmpty();
    if (emptyArgv) {
      this.argv.add(nul(""));
    }
    this.kernelPointerBytes = kernelPointerBytes;
  }

  int argc() {
    return argv.size();
  }

  int envc() {
    return envp.size();
  }

  /** Bytes of all strings copy_strings() puts on the stack, the filename included. */
  long stringBytes() {
    long n = filename.length;
    for (byte[] s : argv) {
      n += s.length;
    }
    for (byte[] s : envp) {
      n += s.length;
    }
    return n;
  }

  private static byte[] nul(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }
}
