package io.vmlab.kernel.exec;

import java.util.List;

/**
 * One execve(filename, argv, envp).
 *
 * @param filename the path as passed to execve: the AT_EXECFN string
 * @param argv the argument strings (empty: the kernel inserts "" as argv[0])
 * @param envp the environment strings
 * @param program the file the path names
 * @param interpreters where PT_INTERP paths are opened
 * @param seed the random seed of this exec (ASLR draws and the AT_RANDOM bytes)
 */
public record ExecRequest(String filename, List<String> argv, List<String> envp, BinaryFile program,
    FileResolver interpreters, long seed) {
  public ExecRequest {
    argv = List.copyOf(argv);
    envp = List.copyOf(envp);
  }
}
