package io.vmlab.app.exec;

import io.vmlab.kernel.Task;
import io.vmlab.kernel.exec.Auxv;
import io.vmlab.kernel.exec.Exec;
import io.vmlab.kernel.exec.ExecResult;
import io.vmlab.kernel.proc.ProcFs;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code vmlab exec} shows of a fresh process: /proc/PID/maps, the auxiliary vector, the
 * stack pointer, the program break, and the initial stack's bytes from sp to the top, read
 * from the simulated memory.
 */
public record ExecReport(List<String> maps, List<Auxv.Entry> auxv, long sp, long brk, long entry, long stackTop,
    byte[] stack) {
  /** The report of {@code t} right after the exec that returned {@code r}. */
  public static ExecReport of(Task t, ExecResult r, ProcFs proc) {
    byte[] stack = Exec.peekUser(t, r.sp(), r.stackEnd());
    return new ExecReport(proc.maps(t), r.auxv(), r.sp(), t.mm().brk(), r.entry(), r.stackEnd(), stack);
  }

  /** The JSON document: maps, auxv (type and value), sp, brk, stack (hex of the bytes from sp up). */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maps", maps);
    List<Map<String, String>> a = new ArrayList<>();
    for (Auxv.Entry e : auxv) {
      Map<String, String> x = new LinkedHashMap<>();
      x.put("type", e.name());
      x.put("value", hex(e.value()));
      a.add(x);
    }
    m.put("auxv", a);
    m.put("sp", hex(sp));
    m.put("brk", hex(brk));
    m.put("stack", "0x" + HexFormat.of().formatHex(stack));
    return m;
  }

  /** The text form: maps, the auxv as a table, sp/entry/brk, and the stack as 32-byte lines. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("maps:\n");
    for (String l : maps) {
      sb.append("  ").append(l).append('\n');
    }
    sb.append("auxv:\n");
    for (Auxv.Entry e : auxv) {
      sb.append(String.format("  %-21s %s%n", e.name(), hex(e.value())));
    }
    sb.append("sp:    ").append(hex(sp)).append('\n');
    sb.append("entry: ").append(hex(entry)).append('\n');
    sb.append("brk:   ").append(hex(brk)).append('\n');
    sb.append("stack (").append(stack.length).append(" bytes from sp to ").append(hex(stackTop)).append("):\n");
    HexFormat hf = HexFormat.of();
    long a = sp;
    int i = 0;
    while (i < stack.length) {
      int n = (int) Math.min(stack.length - i, 32 - (a & 31));
      sb.append("  ").append(Long.toHexString(a)).append(' ').append(hf.formatHex(stack, i, i + n)).append('\n');
      a += n;
      i += n;
    }
    return sb.toString();
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }
}
