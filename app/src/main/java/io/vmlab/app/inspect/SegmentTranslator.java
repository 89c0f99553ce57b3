package io.vmlab.app.inspect;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.ArchModel;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.SegmentRegister;
import io.vmlab.api.arch.Segmentation;
import io.vmlab.app.UserError;
import io.vmlab.app.format.Hex;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.seg.LogicalTranslation;
import io.vmlab.kernel.seg.LogicalTranslator;
import io.vmlab.kernel.seg.SegmentContext;
import io.vmlab.kernel.seg.Selector;
import io.vmlab.kernel.seg.UserDesc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sets up the process {@code vmlab translate --logical} works on (as exec leaves it, plus the LDT
 * entries, TLS slots and FS/GS bases asked for) and translates logical addresses through
 * segmentation and then paging.
 */
public final class SegmentTranslator {
  private SegmentTranslator() {}

  /**
   * The process: start_thread()'s registers, then modify_ldt(0x11) for each {@code ldt} spec,
   * set_thread_area() for each {@code tls} spec, arch_prctl(ARCH_SET_FS/GS) for the bases, and
   * a system-call entry if {@code cpl} is 0.
   *
   * @throws UserError naming each spec the kernel refuses, and why
   */
  public static SegmentContext process(ArchModel arch, ProcessAbi abi, List<String> ldt, List<String> tls,
      Long fsBase, Long gsBase, int cpl) {
    Segmentation seg = abi.segmentation().orElseThrow(() -> new UserError("vmlab translate: the " + abi.name()
        + " ABI of " + arch.archId() + " has no segmentation"));
    SegmentContext c = SegmentContext.startThread(seg, arch.geometry(), arch.taskSizeMax());
    List<String> problems = new ArrayList<>();
    for (String spec : ldt) {
      UserDesc d = parse(spec, "--ldt", problems);
      if (d != null) {
        long r = c.modifyLdt(d, false);
        if (r < 0) {
          problems.add("vmlab translate: --ldt '" + spec + "': modify_ldt() returns -" + Errno.of(r)
              + " (entry at or past 8192, or a present conforming code segment)");
        }
      }
    }
    for (String spec : tls) {
      UserDesc d = parse(spec, "--tls", problems);
      if (d != null) {
        long r = c.setThreadArea(d);
        if (r < 0) {
          problems.add("vmlab translate: --tls '" + spec + "': set_thread_area() returns -" + Errno.of(r)
              + (Errno.of(r) == Errno.ESRCH ? " (no free TLS slot)" : " (entry outside " + seg.tlsMin() + ".."
              + (seg.tlsMin() + Segmentation.TLS_ENTRIES - 1) + ", or a 16-bit, code or not-present segment)"));
        }
      }
    }
    base(c, SegmentContext.ARCH_SET_FS, "--fs-base", fsBase, abi, problems);
    base(c, SegmentContext.ARCH_SET_GS, "--gs-base", gsBase, abi, problems);
    if (!problems.isEmpty()) {
      throw new UserError(problems, null);
    }
    if (cpl == 0) {
      c.enterKernel();
    }
    return c;
  }

  /** The process's registers, bases and LDT size. */
  public static ProcessSegments describe(SegmentContext c, ProcessAbi abi) {
    Map<String, String> regs = new LinkedHashMap<>();
    for (SegmentRegister r : new SegmentRegister[] {SegmentRegister.CS, SegmentRegister.SS, SegmentRegister.DS,
        SegmentRegister.ES, SegmentRegister.FS, SegmentRegister.GS}) {
      regs.put(r.linuxName(), Hex.of(c.selector(r)));
    }
    return new ProcessSegments(abi.name(), c.cpl(), c.mode().text(), regs, c.fsBase(), c.gsBase(), c.ldt().nrEntries());
  }

  /**
   * Translates {@code la}: the segment load and access checks, then, if no fault, the paging
   * view of the linear address.
   *
   * @throws UserError for an offset the mode cannot address
   */
  public static SegmentedTranslation translate(ArchModel arch, SegmentContext c, LogicalAddress la, Access access,
      int size) {
    LogicalTranslation t;
    try {
      t = LogicalTranslator.translate(c, la.register(), la.selector(), la.offset(), size, access);
    } catch (IllegalArgumentException e) {
      throw new UserError("vmlab translate: --logical '" + la.text() + "': " + e.getMessage(), e);
    }
    int sel = t.selector();
    SelectorInfo selector = new SelectorInfo(Hex.of(sel), Selector.index(sel), Selector.ldt(sel) ? "LDT" : "GDT",
        Selector.rpl(sel), c.tables().selectorName(sel), t.loaded());
    DescriptorInfo descriptor = t.descriptor() == null ? null : DescriptorInfo.of(t.entryName(), t.descriptor());
    Translation paging = t.linear() == null ? null : Translator.translate(arch, t.linear());
    return new SegmentedTranslation(la.text(), la.register().linuxName(), selector, descriptor, t.mode().text(),
        t.cpl(), access.name().toLowerCase(Locale.ROOT), size, la.offset(), t.checks(),
        t.fault() == null ? null : FaultInfo.of(t.fault()), t.base(), t.linear(), paging);
  }

  private static UserDesc parse(String spec, String option, List<String> problems) {
    try {
      return UserDescSpec.parse(spec);
    } catch (IllegalArgumentException e) {
      problems.add("vmlab translate: " + option + ": " + e.getMessage());
      return null;
    }
  }

  private static void base(SegmentContext c, int code, String option, Long value, ProcessAbi abi,
      List<String> problems) {
    if (value == null) {
      return;
    }
    long r = c.archPrctl(code, value);
    if (r == Errno.EINVAL.neg()) {
      problems.add("vmlab translate: " + option + ": arch_prctl(" + (code == SegmentContext.ARCH_SET_FS
          ? "ARCH_SET_FS" : "ARCH_SET_GS") + ") is -EINVAL for an " + abi.name()
          + " process: only 64-bit processes set the FS/GS base this way (use --tls and fs=SEL:...)");
    } else if (r == Errno.EPERM.neg()) {
      problems.add("vmlab translate: " + option + " " + Hex.of(value) + ": arch_prctl() returns -EPERM "
          + "(at or above TASK_SIZE_MAX)");
    }
  }
}
