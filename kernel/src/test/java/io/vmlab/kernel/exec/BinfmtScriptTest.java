package io.vmlab.kernel.exec;

import static io.vmlab.kernel.exec.ExecMachine.RW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.mm.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * load_script() (fs/binfmt_script.c): a #! file runs its interpreter with argv {interpreter,
 * [argument], script path, argv[1]...}, AT_EXECFN stays the path given to execve(), and the
 * process's comm is the script's name (as the real 6.18 kernel showed for a script whose
 * interpreter is a static program: maps, auxv, sp and every stack byte but AT_RANDOM's).
 */
class BinfmtScriptTest {
  private final ExecMachine m = new ExecMachine("x86_64", "4level", KernelVersion.V6_1);
  private final Map<String, BinaryFile> files = new HashMap<>();

  private void file(String path, String text) {
    files.put(path, m.file(path, text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private void program(String path) {
    files.put(path, m.file(path, ExecMachine.withGnuStack(ExecMachine.staticExec(2, 0x1000), RW).build()));
  }

  private ExecResult exec(Task t, String path, List<String> argv) {
    return Exec.execve(t, new ExecRequest(path, argv, List.of("A=1"), files.get(path), files::get, 1));
  }

  private static String string(Task t, long addr) {
    StringBuilder sb = new StringBuilder();
    for (int c; (c = UserAccess.peek(t, addr)) != 0; addr++) {
      sb.append((char) c);
    }
    return sb.toString();
  }

  private static List<String> argv(Task t, ExecResult r) {
    int argc = (int) word(t, r.sp());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < argc; i++) {
      out.add(string(t, word(t, r.sp() + 8L * (i + 1))));
    }
    return out;
  }

  private static long word(Task t, long addr) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | UserAccess.peek(t, addr + i);
    }
    return v;
  }

  @Test
  void theInterpreterGetsItsArgumentTheScriptPathAndTheArgumentsAfterArgv0() {
    program("/bin/interp");
    file("./run.sh", "#!  /bin/interp   -x -y  \necho hi\n");
    Task t = m.task();
    ExecResult r = exec(t, "./run.sh", List.of("run", "a", "b"));
    assertEquals(List.of("/bin/interp", "-x -y", "./run.sh", "a", "b"), argv(t, r));
    assertEquals("./run.sh", string(t, r.aux(Auxv.AT_EXECFN)));
    assertEquals("run.sh", t.comm());
    assertEquals("/bin/interp", m.maps(t).get(0).substring(73));
  }

  @Test
  void withoutAnArgumentAndWithAnEmptyArgv() {
    program("/bin/interp");
    file("/s", "#!/bin/interp\n");
    Task t = m.task();
    assertEquals(List.of("/bin/interp", "/s"), argv(t, exec(t, "/s", List.of())));
  }

  @Test
  void scriptsMayNameScriptsUpToFiveLevels() {
    program("/bin/interp");
    file("/l1", "#!/bin/interp\n");
    for (int i = 2; i <= 6; i++) {
      file("/l" + i, "#!/l" + (i - 1) + " arg" + i + "\n");
    }
    Task t = m.task();
    assertEquals(List.of("/bin/interp", "/l1", "arg2", "/l2", "arg3", "/l3", "arg4", "/l4", "arg5", "/l5", "x"),
        argv(t, exec(t, "/l5", List.of("/l5", "x"))));
    ExecException e = assertThrows(ExecException.class, () -> exec(m.task(), "/l6", List.of("/l6")));
    assertEquals(Errno.ELOOP, e.errno());
  }

  @Test
  void aMissingInterpreterIsEnoentAndABlankLineEnoexec() {
    file("/nointerp", "#!/no/such/file\n");
    file("/blank", "#!   \n");
    assertEquals(Errno.ENOENT, assertThrows(ExecException.class,
        () -> exec(m.task(), "/nointerp", List.of("x"))).errno());
    assertEquals(Errno.ENOEXEC, assertThrows(ExecException.class,
        () -> exec(m.task(), "/blank", List.of("x"))).errno());
  }
}
