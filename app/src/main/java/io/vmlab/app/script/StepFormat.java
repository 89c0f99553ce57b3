package io.vmlab.app.script;

import io.vmlab.kernel.proc.ProcFs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes step results in the conformance case format, so vmlab's output reads like the kernel's. */
public final class StepFormat {
  private StepFormat() {}

  /** One step's entry. */
  public static Map<String, Object> entry(StepResult r, List<String> smapsFields, List<String> statusFields) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", r.op);
    if (r.id != null) {
      m.put("id", r.id);
    }
    if (r.args != null) {
      m.put("args", r.args);
    }
    if (r.access != null) {
      if (r.op.equals("peek") && !r.access.signalled()) {
        m.put("result", StepRunner.hex(r.access.value()));
      } else {
        m.put("result", StepRunner.outcome(r.access));
      }
    } else if (r.errno != null) {
      m.put("error", r.errno);
    } else if (r.op.equals("fork")) {
      m.put("result", "child");
    } else if (r.value != null) {
      m.put("result", StepRunner.hex(r.value));
    }
    if (r.kernelAccess != null) {
      Map<String, Object> k = new LinkedHashMap<>();
      if (r.kernelAccess.ok()) {
        k.put("ok", true);
        k.put("vmalloc_fault", r.kernelAccess.vmallocFault());
      } else {
        k.put("oops", List.of(r.kernelAccess.oops().split("\n")));
      }
      m.put("result", k);
    }
    if (r.pinned != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("pages", r.pinned[0]);
      p.put("frames_still_mapped", r.pinned[1]);
      m.put("result", p);
    }
    if (r.minflt != null) {
      m.put("minflt", r.minflt);
      if (r.majflt != 0) {
        m.put("majflt", r.majflt);
      }
    }
    if (r.child != null) {
      Map<String, Object> child = new LinkedHashMap<>();
      child.put("exit", Map.of("exited", r.childExit));
      List<Object> steps = new ArrayList<>();
      for (StepResult c : r.child) {
        steps.add(entry(c, smapsFields, statusFields));
      }
      child.put("steps", steps);
      m.put("child", child);
    }
    if (r.maps != null) {
      m.put("maps", r.maps);
    }
    if (r.smaps != null) {
      List<Object> vmas = new ArrayList<>();
      for (ProcFs.SmapsEntry e : r.smaps) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("vma", e.header());
        e.fields().forEach((k, val) -> {
          if (smapsFields == null || smapsFields.contains(k)) {
            v.put(k, k.equals("VmFlags") || k.equals("THPeligible") ? val : Long.parseLong(val));
          }
        });
        vmas.add(v);
      }
      m.put("vmas", vmas);
    }
    if (r.status != null) {
      Map<String, Object> v = new LinkedHashMap<>();
      r.status.forEach((k, val) -> {
        if (statusFields == null || statusFields.contains(k)) {
          v.put(k, val);
        }
      });
      m.put("values", v);
    }
    if (r.statm != null) {
      m.put("values", new LinkedHashMap<>(r.statm));
    }
    if (r.observedMinflt != null) {
      m.put("value", r.observedMinflt);
      if (r.observedMajflt != 0) {
        m.put("majflt", r.observedMajflt);
      }
    }
    return m;
  }
}
