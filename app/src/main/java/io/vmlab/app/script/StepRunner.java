package io.vmlab.app.script;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.kernel.sys.AccessOutcome;
import io.vmlab.kernel.sys.Syscalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs steps on a process. Arguments are resolved by an {@link Args} view (case files hold hex
 * strings, scenarios hold expressions over ids), so the same code runs both.
 */
public final class StepRunner {
  /** A step's arguments, resolved. */
  public interface Args {
    /** Whether the argument is given. */
    boolean has(String name);

    /** A number (address, length, offset, value). */
    long number(String name, long dflt);

    /** A string argument (prot, mode, file id...). */
    String text(String name, String dflt);

    /** A list argument (flags, fields, range). */
    List<Object> list(String name);

    /** The nested steps of a fork. */
    List<Map<String, Object>> steps();

    /** Resolves a raw value (a list element) as a number. */
    long resolve(Object raw);
  }

  /** Makes the Args of one raw step (case or scenario flavour). */
  public interface ArgsFactory {
    /** The arguments of {@code rawStep} (a map with "op", "args" and, for a fork, its steps). */
    Args of(Map<String, Object> rawStep);

    /** Called after a step that defines {@code id} (scenarios bind it; failures bind 0). */
    default void define(String id, long value) {}
  }

  /** A step beyond the built-in vocabulary (an experiment's replay): runs on {@code t}, fills {@code r}. */
  public interface StepKind {
    void run(Task t, Args a, StepResult r);
  }

  /** The built-in step vocabulary (what {@link #run} knows without {@link #register}). */
  public static final List<String> OPS = List.of("mmap", "munmap", "mprotect", "mremap", "brk", "madvise", "mlock",
      "munlock", "touch", "exec", "peek", "read", "write", "vmalloc", "kaccess", "pin", "pinned",
      "remap_file_pages", "fork", "maps", "smaps", "status", "statm", "minflt");

  private final Map<String, StepKind> kinds = new LinkedHashMap<>();
  private final Kernel kernel;
  private final Syscalls sys;
  private final ProcFs proc;
  private final Map<String, Inode> files;
  private final Map<String, OpenFile> openFiles = new LinkedHashMap<>();
  private final ForkHooks hooks;
  private final ExecStep execs;

  public StepRunner(Kernel kernel, Map<String, Inode> files, ForkHooks hooks) {
    this.kernel = kernel;
    this.sys = new Syscalls(kernel);
    this.proc = new ProcFs(kernel);
    this.files = files;
    this.hooks = hooks;
    this.execs = new ExecStep(kernel);
    // The recorder opens every data file O_RDWR once and maps it through that one struct file.
    files.forEach((id, inode) -> openFiles.put(id, new OpenFile(inode, true, true)));
  }

  /** Adds the step {@code op}. */
  public void register(String op, StepKind kind) {
    kinds.put(op, kind);
  }

  /** Where {@code exec} steps find relative program paths (the scenario's directory). */
  public void setProgramDirectory(java.nio.file.Path dir) {
    execs.setBaseDir(dir);
  }

  /** The /proc renderer. */
  public ProcFs proc() {
    return proc;
  }

  /** Pinned ranges by id: the start address and the frames pinned. */
  private final Map<String, long[][]> pins = new LinkedHashMap<>();

  /** Fault counts accumulated inside steps since the last minflt observation, per task. */
  private final Map<Integer, long[]> stepFaults = new LinkedHashMap<>();

  /** Runs a list of steps. */
  public List<StepResult> runAll(Task t, List<Map<String, Object>> steps, ArgsFactory factory) {
    List<StepResult> out = new ArrayList<>();
    for (Map<String, Object> raw : steps) {
      out.add(run(t, raw, factory));
    }
    return out;
  }

  /** Runs one step: {@code raw} has "op" and "args" (and "id"). */
  @SuppressWarnings("unchecked")
  public StepResult run(Task t, Map<String, Object> raw, ArgsFactory factory) {
    String op = (String) raw.get("op");
    Map<String, Object> rawArgs = raw.get("args") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    String id = (String) raw.get("id");
    if (id == null && rawArgs.get("id") instanceof String s) {
      id = s;
    }
    Args a = factory.of(raw);
    StepResult r = new StepResult();
    r.op = op;
    r.id = id;
    long minBefore = t.minflt();
    long majBefore = t.majflt();
    boolean counts = true;
    switch (op) {
      case "mmap" -> {
        String fileId = a.text("file", null);
        OpenFile f = fileId == null ? null : file(fileId);
        int prot = prot(a.text("prot", "rw-"));
        int flags = flags(a, "flags", Names.MMAP_FLAGS, List.of("private", "anonymous"));
        syscall(r, sys.mmap(t, a.number("addr", 0), a.number("length", 0), prot, flags, f, a.number("offset", 0)));
        r.args = args("addr", hex(a.number("addr", 0)), "length", hex(a.number("length", 0)),
            "prot", a.text("prot", "rw-"), "flags", names(a, "flags", List.of("private", "anonymous")),
            "file", fileId, "offset", hex(a.number("offset", 0)));
      }
      case "munmap" -> syscall(r, sys.munmap(t, a.number("addr", 0), a.number("length", 0)));
      case "mprotect" -> syscall(r, sys.mprotect(t, a.number("addr", 0), a.number("length", 0), prot(a.text("prot", "rw-"))));
      case "mremap" -> syscall(r, sys.mremap(t, a.number("old_addr", 0), a.number("old_length", 0),
          a.number("new_length", 0), flags(a, "flags", Names.MREMAP_FLAGS, List.of()), a.number("new_addr", 0)));
      case "brk" -> syscall(r, sys.brk(t, a.number("addr", 0)));
      case "madvise" -> syscall(r, sys.madvise(t, a.number("addr", 0), a.number("length", 0), advice(a.text("advice", "normal"))));
      case "mlock" -> syscall(r, sys.mlock(t, a.number("addr", 0), a.number("length", 0)));
      case "munlock" -> syscall(r, sys.munlock(t, a.number("addr", 0), a.number("length", 0)));
      case "touch" -> {
        String mode = a.text("mode", "read");
        Access acc = switch (mode) {
          case "read" -> Access.READ;
          case "write" -> Access.WRITE;
          case "exec" -> Access.EXEC;
          default -> throw new StepError("touch: mode must be read, write or exec, not '" + mode + "'");
        };
        long stride = a.number("stride", 4096);
        if (stride <= 0) {
          throw new StepError("touch: stride must be positive");
        }
        r.access = sys.touch(t, a.number("addr", 0), a.number("length", 1), acc, (int) a.number("value", 1), stride);
      }
      case "peek" -> r.access = sys.peek(t, a.number("addr", 0));
      case "read" -> syscall(r, sys.pread(t, file(a.text("file", null)).inode(), a.number("offset", 0),
          a.number("addr", 0), a.number("length", 0)));
      case "write" -> syscall(r, sys.pwrite(t, file(a.text("file", null)).inode(), a.number("offset", 0),
          a.number("addr", 0), a.number("length", 0)));
      case "vmalloc" -> syscall(r, sys.vmalloc(a.number("length", 4096)));
      case "kaccess" -> {
        String mode = a.text("mode", "read");
        Access acc = switch (mode) {
          case "read" -> Access.READ;
          case "write" -> Access.WRITE;
          case "exec" -> Access.EXEC;
          default -> throw new StepError("kaccess: mode must be read, write or exec, not '" + mode + "'");
        };
        r.kernelAccess = sys.kaccess(t, a.number("addr", 0), acc);
      }
      case "pin" -> {
        long addr = a.number("addr", 0);
        long len = a.number("length", 4096);
        long n = sys.pin(t, addr, len);
        syscall(r, n);
        if (n > 0 && id != null) {
          long[] frames = new long[(int) n];
          for (int i = 0; i < n; i++) {
            frames[i] = sys.frameAt(t, (addr & ~0xfffL) + ((long) i << 12));
          }
          pins.put(id, new long[][] {{addr & ~0xfffL}, frames});
        }
      }
      case "pinned" -> {
        counts = false;
        String pid = a.text("id", null);
        long[][] p = pins.get(pid);
        if (p == null) {
          throw new StepError("pinned: no pin step defined id '" + pid + "'");
        }
        long still = 0;
        for (int i = 0; i < p[1].length; i++) {
          if (sys.frameAt(t, p[0][0] + ((long) i << 12)) == p[1][i]) {
            still++;
          }
        }
        r.pinned = new long[] {p[1].length, still};
      }
      case "remap_file_pages" -> syscall(r, sys.remapFilePages(t, a.number("addr", 0), a.number("length", 0),
          prot(a.text("prot", "0")), a.number("pgoff", 0), a.number("flags", 0)));
      case "exec" -> {
        try {
          io.vmlab.kernel.exec.ExecResult x = execs.run(sys, t, a);
          r.value = 0L;
          factory.define("brk0", t.mm().brk());
          if (id != null) {
            factory.define(id, ExecStep.base(x));
          }
        } catch (io.vmlab.kernel.exec.ExecException e) {
          r.errno = e.errno().name();
        }
      }
      case "fork" -> {
        boolean legacyCow = Boolean.parseBoolean(a.text("legacy_cow", "false"));
        Task child = sys.fork(t, legacyCow);
        if (child == null) {
          r.value = Errno.ENOMEM.neg();
          break;
        }
        hooks.parentReturned(t);
        long parentMin = t.minflt();
        long parentMaj = t.majflt();
        hooks.childStarted(child);
        stepFaults.put(child.pid(), new long[2]);
        r.child = runAll(child, a.steps(), factory);
        sys.exit(child);
        hooks.parentResumed(t);
        r.childExit = 0;
        // Faults in the parent count up to fork()'s return; its later re-touch is outside steps.
        r.value = 0L;
        minBefore += t.minflt() - parentMin;
        majBefore += t.majflt() - parentMaj;
      }
      case "maps" -> {
        counts = false;
        r.maps = proc.maps(t);
      }
      case "smaps" -> {
        counts = false;
        List<ProcFs.SmapsEntry> all = proc.smaps(t);
        if (a.has("range")) {
          List<Object> range = a.list("range");
          long lo = a.resolve(range.get(0));
          long hi = a.resolve(range.get(1));
          all.removeIf(e -> e.vma() == null || Long.compareUnsigned(e.vma().end(), lo) <= 0
              || Long.compareUnsigned(e.vma().start(), hi) >= 0);
        }
        r.smaps = all;
      }
      case "status" -> {
        counts = false;
        r.status = proc.status(t);
      }
      case "statm" -> {
        counts = false;
        long[] v = proc.statm(t);
        String[] names = {"size", "resident", "shared", "text", "lib", "data", "dt"};
        r.statm = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
          r.statm.put(names[i], v[i]);
        }
      }
      case "minflt" -> {
        counts = false;
        long[] acc = stepFaults.computeIfAbsent(t.pid(), k -> new long[2]);
        r.observedMinflt = acc[0];
        r.observedMajflt = acc[1];
        acc[0] = 0;
        acc[1] = 0;
      }
      default -> {
        StepKind kind = kinds.get(op);
        if (kind == null) {
          throw new StepError("unknown op '" + op + "'");
        }
        kind.run(t, a, r);
      }
    }
    if (counts) {
      long dmin = t.minflt() - minBefore;
      long dmaj = t.majflt() - majBefore;
      r.minflt = dmin;
      r.majflt = dmaj;
      long[] acc = stepFaults.computeIfAbsent(t.pid(), k -> new long[2]);
      acc[0] += dmin;
      acc[1] += dmaj;
    }
    if (r.args == null && !rawArgs.isEmpty()) {
      r.args = resolvedArgs(rawArgs, a);
    }
    if (id != null && (op.equals("mmap") || op.equals("mremap") || op.equals("brk") || op.equals("vmalloc"))) {
      factory.define(id, r.value == null ? 0 : r.value);
    }
    return r;
  }

  private static final java.util.Set<String> NUMERIC = java.util.Set.of("addr", "length", "offset", "old_addr",
      "old_length", "new_length", "new_addr", "value", "stride", "pgoff");

  /** The arguments as the case format writes them: numbers as hex strings, the rest as given. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolvedArgs(Map<String, Object> raw, Args a) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      if (k.equals("id")) {
        return;
      }
      if (NUMERIC.contains(k) && v != null) {
        out.put(k, hex(a.resolve(v)));
      } else if (k.equals("range") && v instanceof List<?> l) {
        List<Object> r = new ArrayList<>();
        for (Object o : l) {
          r.add(hex(a.resolve(o)));
        }
        out.put(k, r);
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  private OpenFile file(String id) {
    if (id == null) {
      throw new StepError("this step needs a file");
    }
    OpenFile f = openFiles.get(id);
    if (f == null) {
      throw new StepError("unknown file '" + id + "' (declared: " + String.join(", ", openFiles.keySet()) + ")");
    }
    return f;
  }

  private static void syscall(StepResult r, long v) {
    if (Errno.isError(v)) {
      r.errno = Names.ERRNO.getOrDefault((int) -v, Long.toString(-v));
    } else {
      r.value = v;
    }
  }

  /** "rw-" style or a number. */
  static int prot(String s) {
    if (s.length() == 3 && s.matches("[r-][w-][x-]")) {
      return (s.charAt(0) == 'r' ? 1 : 0) | (s.charAt(1) == 'w' ? 2 : 0) | (s.charAt(2) == 'x' ? 4 : 0);
    }
    try {
      return (int) Long.decode(s).longValue();
    } catch (NumberFormatException e) {
      throw new StepError("prot must be like rw- or a number, not '" + s + "'");
    }
  }

  private static int flags(Args a, String key, Map<String, Integer> names, List<String> dflt) {
    List<Object> l = a.has(key) ? a.list(key) : new ArrayList<>(dflt);
    int f = 0;
    for (Object o : l) {
      if (o instanceof Number n) {
        f |= n.intValue();
      } else {
        Integer v = names.get(o.toString());
        if (v == null) {
          throw new StepError("unknown flag '" + o + "' (known: " + String.join(", ", new java.util.TreeSet<>(names.keySet())) + ")");
        }
        f |= v;
      }
    }
    return f;
  }

  private static List<Object> names(Args a, String key, List<String> dflt) {
    return a.has(key) ? a.list(key) : new ArrayList<>(dflt);
  }

  private static int advice(String s) {
    Integer v = Names.ADVICE.get(s);
    if (v != null) {
      return v;
    }
    try {
      return (int) Long.decode(s).longValue(); // the syscall's int argument: 4294967295 is -1
    } catch (NumberFormatException e) {
      throw new StepError("unknown advice '" + s + "'");
    }
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  private static Map<String, Object> args(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** The signal outcome as the case format writes it. */
  public static Map<String, Object> outcome(AccessOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!o.signalled()) {
      m.put("pages", o.pages());
      return m;
    }
    m.put("signal", Names.signal(o.signal()));
    m.put("fault_addr", hex(o.faultAddress()));
    m.put("pages", o.pages());
    m.put("si_code", Names.siCode(o.signal(), o.siCode()));
    m.put("err", hex(o.errorCode()));
    m.put("trapno", hex(o.trapno()));
    return m;
  }
}
