package io.vmlab.kernel.seg;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.SegmentDescriptor;
import io.vmlab.api.arch.SegmentRegister;
import java.util.List;

/**
 * What the CPU does with segments (Intel SDM vol. 3A ch. 5, and the MOV, LSS and far JMP
 * pseudocode of vol. 2): the checks on a segment-register load, the checks on a memory access
 * through a segment register, and the logical-to-linear sum. Faults come back packed in an int
 * (0 = none, see {@link SegmentFault#unpack}); a non-null trace list receives every check with
 * its values, for people reading how an address was translated. Without a trace nothing is
 * allocated unless a fault is raised.
 */
public final class SegmentationUnit {
  private SegmentationUnit() {}

  /** The mode the context's code segment puts the CPU in. */
  public static AddressingMode mode(SegmentContext c) {
    if (!c.tables().longModeActive()) {
      return AddressingMode.PROTECTED;
    }
    return DescriptorBits.longMode(c.cached[SegmentRegister.CS.ordinal()]) ? AddressingMode.LONG
        : AddressingMode.COMPATIBILITY;
  }

  /**
   * Loads {@code selector} into {@code reg}: MOV/POP for DS, ES, FS and GS, MOV/LSS for SS, a far
   * JMP to a code segment for CS (gates and task switches are not modelled).
   *
   * @return 0, or the packed #GP, #SS or #NP
   */
  public static int load(SegmentContext c, SegmentRegister reg, int selector, List<SegmentCheck> trace) {
    int sel = selector & 0xffff;
    switch (reg) {
      case CS:
        return loadCode(c, sel, trace);
      case SS:
        return loadStack(c, sel, trace);
      default:
        return loadData(c, reg, sel, trace);
    }
  }

  /**
   * The checks of an access of {@code size} bytes at {@code offset} through {@code reg}: in 32-bit
   * protected and compatibility mode the null selector, the segment type and the limit (expand-down
   * too); in 64-bit mode only the canonical form of the linear address. Limit and canonical
   * violations through SS raise #SS(0), everything else #GP(0).
   *
   * @param access {@link Access#EXEC} is an instruction fetch, which goes through CS only
   * @return 0, or the packed fault
   */
  public static int checkAccess(SegmentContext c, SegmentRegister reg, long offset, int size, Access access,
      List<SegmentCheck> trace) {
    if (access == Access.EXEC && reg != SegmentRegister.CS) {
      throw new IllegalArgumentException("instruction fetches go through cs, not " + reg.linuxName());
    }
    if (size < 1) {
      throw new IllegalArgumentException("access size must be at least 1 byte: " + size);
    }
    SegmentException limitFault = reg == SegmentRegister.SS ? SegmentException.SS : SegmentException.GP;
    if (mode(c) == AddressingMode.LONG) {
      long linear = linear(c, reg, offset);
      long last = linear + size - 1;
      if (!c.canonical(linear) || !c.canonical(last)) {
        return fail(trace, "canonical", "linear address " + hex(c.canonical(linear) ? last : linear)
            + " is not canonical", limitFault, 0, FaultReason.NON_CANONICAL);
      }
      if (trace != null) {
        trace.add(new SegmentCheck("64-bit mode", true, "no null-selector, type or limit checks; the base is "
            + (reg == SegmentRegister.FS || reg == SegmentRegister.GS ? reg.linuxName() + " base " + hex(c.base[reg.ordinal()])
            : "0 (" + reg.linuxName() + " base ignored)")));
        trace.add(new SegmentCheck("canonical", true, "linear " + hex(linear)
            + (size > 1 ? ".." + hex(last) : "") + " is canonical"));
      }
      return 0;
    }
    if ((offset >>> 32) != 0) {
      throw new IllegalArgumentException("offset " + hex(offset) + " does not fit in 32 bits ("
          + mode(c).text() + ")");
    }
    int i = reg.ordinal();
    long d = c.cached[i];
    if (d == 0) {
      return fail(trace, "null selector", reg.linuxName() + " holds the null selector " + hex(c.selector[i])
          + ": loading it was allowed, using it is not", limitFault, 0, FaultReason.NULL_SELECTOR_ACCESS);
    }
    int f = typeCheck(d, access, trace);
    if (f != 0) {
      return f;
    }
    long last = offset + size - 1;
    long limit = c.limit[i];
    if (DescriptorBits.expandDown(d)) {
      long upper = DescriptorBits.defaultBig(d) ? 0xffffffffL : 0xffffL;
      if (offset <= limit || last > upper) {
        return fail(trace, "limit", "expand-down segment: valid offsets are " + hex(limit + 1) + ".." + hex(upper)
            + ", the access is " + span(offset, last), limitFault, 0, FaultReason.LIMIT);
      }
      if (trace != null) {
        trace.add(new SegmentCheck("limit", true, "expand-down segment: " + span(offset, last) + " within "
            + hex(limit + 1) + ".." + hex(upper)));
      }
    } else {
      if (last > limit) {
        return fail(trace, "limit", span(offset, last) + " goes past the limit " + hex(limit), limitFault, 0,
            FaultReason.LIMIT);
      }
      if (trace != null) {
        trace.add(new SegmentCheck("limit", true, span(offset, last) + " within the limit " + hex(limit)));
      }
    }
    return 0;
  }

  /**
   * The linear address of {@code reg:offset}: base + offset truncated to 32 bits outside 64-bit
   * mode; in 64-bit mode the offset itself, plus the FS or GS base for those two registers.
   */
  public static long linear(SegmentContext c, SegmentRegister reg, long offset) {
    int i = reg.ordinal();
    if (mode(c) == AddressingMode.LONG) {
      return reg == SegmentRegister.FS || reg == SegmentRegister.GS ? c.base[i] + offset : offset;
    }
    return (c.base[i] + offset) & 0xffffffffL;
  }

  private static int loadData(SegmentContext c, SegmentRegister reg, int sel, List<SegmentCheck> trace) {
    int i = reg.ordinal();
    if (Selector.isNull(sel)) {
      if (trace != null) {
        trace.add(new SegmentCheck("null selector", true, "a null selector may be loaded into " + reg.linuxName()
            + (mode(c) == AddressingMode.LONG ? "; in 64-bit mode accesses through it are allowed"
            : "; an access through it raises #GP(0)")));
      }
      c.selector[i] = sel;
      c.cached[i] = 0;
      c.base[i] = 0;
      c.limit[i] = 0;
      return 0;
    }
    int f = tableCheck(c, sel, trace);
    if (f != 0) {
      return f;
    }
    long d = c.descriptor(sel);
    if (!DescriptorBits.isData(d) && !DescriptorBits.readableCode(d)) {
      return fail(trace, "type", typeName(d) + ": only a data or readable code segment may be loaded into "
          + reg.linuxName(), SegmentException.GP, Selector.errorCode(sel), FaultReason.NOT_DATA_OR_READABLE_CODE);
    }
    if (trace != null) {
      trace.add(new SegmentCheck("type", true, typeName(d) + ": may be loaded into " + reg.linuxName()));
    }
    if (DescriptorBits.conformingCode(d)) {
      if (trace != null) {
        trace.add(new SegmentCheck("privilege", true, "conforming code segment: no privilege check"));
      }
    } else {
      int rpl = Selector.rpl(sel);
      int effective = Math.max(c.cpl, rpl);
      int dpl = DescriptorBits.dpl(d);
      if (effective > dpl) {
        return fail(trace, "privilege", "max(CPL " + c.cpl + ", RPL " + rpl + ") = " + effective + " > DPL " + dpl,
            SegmentException.GP, Selector.errorCode(sel), FaultReason.PRIVILEGE);
      }
      if (trace != null) {
        trace.add(new SegmentCheck("privilege", true, "max(CPL " + c.cpl + ", RPL " + rpl + ") = " + effective
            + " <= DPL " + dpl));
      }
    }
    f = presentCheck(d, sel, SegmentException.NP, trace);
    if (f != 0) {
      return f;
    }
    cache(c, i, sel, d);
    return 0;
  }

  private static int loadStack(SegmentContext c, int sel, List<SegmentCheck> trace) {
    int i = SegmentRegister.SS.ordinal();
    int rpl = Selector.rpl(sel);
    if (Selector.isNull(sel)) {
      if (mode(c) == AddressingMode.LONG && c.cpl < 3 && rpl == c.cpl) {
        if (trace != null) {
          trace.add(new SegmentCheck("null selector", true, "64-bit mode at CPL " + c.cpl
              + ": a null SS with RPL = CPL is allowed"));
        }
        c.selector[i] = sel;
        c.cached[i] = 0;
        c.base[i] = 0;
        c.limit[i] = 0;
        return 0;
      }
      return fail(trace, "null selector", "a null selector cannot be loaded into ss", SegmentException.GP, 0,
          FaultReason.NULL_SELECTOR_LOAD);
    }
    int f = tableCheck(c, sel, trace);
    if (f != 0) {
      return f;
    }
    long d = c.descriptor(sel);
    if (rpl != c.cpl) {
      return fail(trace, "privilege", "ss needs RPL = CPL: RPL " + rpl + ", CPL " + c.cpl, SegmentException.GP,
          Selector.errorCode(sel), FaultReason.RPL_NOT_CPL);
    }
    if (!DescriptorBits.writableData(d)) {
      return fail(trace, "type", typeName(d) + ": ss needs a writable data segment", SegmentException.GP,
          Selector.errorCode(sel), FaultReason.NOT_WRITABLE_DATA);
    }
    if (trace != null) {
      trace.add(new SegmentCheck("type", true, typeName(d) + ": may be loaded into ss"));
    }
    int dpl = DescriptorBits.dpl(d);
    if (dpl != c.cpl) {
      return fail(trace, "privilege", "ss needs DPL = CPL: DPL " + dpl + ", CPL " + c.cpl, SegmentException.GP,
          Selector.errorCode(sel), FaultReason.PRIVILEGE);
    }
    if (trace != null) {
      trace.add(new SegmentCheck("privilege", true, "RPL " + rpl + " = DPL " + dpl + " = CPL " + c.cpl));
    }
    f = presentCheck(d, sel, SegmentException.SS, trace);
    if (f != 0) {
      return f;
    }
    cache(c, i, sel, d);
    return 0;
  }

  private static int loadCode(SegmentContext c, int sel, List<SegmentCheck> trace) {
    if (Selector.isNull(sel)) {
      return fail(trace, "null selector", "a null selector cannot be loaded into cs", SegmentException.GP, 0,
          FaultReason.NULL_SELECTOR_LOAD);
    }
    int f = tableCheck(c, sel, trace);
    if (f != 0) {
      return f;
    }
    long d = c.descriptor(sel);
    if (!DescriptorBits.isCode(d)) {
      String what = DescriptorBits.codeOrData(d) ? typeName(d) + ": a data segment cannot be executed"
          : typeName(d) + ": not a code segment (gates and task switches are not modelled)";
      return fail(trace, "type", what, SegmentException.GP, Selector.errorCode(sel), FaultReason.NOT_CODE);
    }
    if (c.tables().longModeActive() && DescriptorBits.longMode(d) && DescriptorBits.defaultBig(d)) {
      return fail(trace, "type", "L = 1 and D = 1 is reserved in IA-32e mode", SegmentException.GP,
          Selector.errorCode(sel), FaultReason.LONG_AND_DEFAULT_BIG);
    }
    if (trace != null) {
      trace.add(new SegmentCheck("type", true, typeName(d) + ": may be loaded into cs"));
    }
    int rpl = Selector.rpl(sel);
    int dpl = DescriptorBits.dpl(d);
    if (DescriptorBits.conformingCode(d)) {
      if (dpl > c.cpl) {
        return fail(trace, "privilege", "conforming code needs DPL <= CPL: DPL " + dpl + ", CPL " + c.cpl,
            SegmentException.GP, Selector.errorCode(sel), FaultReason.PRIVILEGE);
      }
      if (trace != null) {
        trace.add(new SegmentCheck("privilege", true, "conforming code: DPL " + dpl + " <= CPL " + c.cpl));
      }
    } else {
      if (rpl > c.cpl || dpl != c.cpl) {
        return fail(trace, "privilege", "non-conforming code needs RPL <= CPL and DPL = CPL: RPL " + rpl
            + ", DPL " + dpl + ", CPL " + c.cpl, SegmentException.GP, Selector.errorCode(sel), FaultReason.PRIVILEGE);
      }
      if (trace != null) {
        trace.add(new SegmentCheck("privilege", true, "non-conforming code: RPL " + rpl + " <= CPL " + c.cpl
            + ", DPL " + dpl + " = CPL"));
      }
    }
    f = presentCheck(d, sel, SegmentException.NP, trace);
    if (f != 0) {
      return f;
    }
    // CS.RPL always equals CPL.
    cache(c, SegmentRegister.CS.ordinal(), (sel & ~Selector.RPL_MASK) | c.cpl, d);
    return 0;
  }

  private static int tableCheck(SegmentContext c, int sel, List<SegmentCheck> trace) {
    int index = Selector.index(sel);
    if (Selector.ldt(sel) && c.ldt().nrEntries() == 0) {
      return fail(trace, "table limit", "TI = 1 but the process has no LDT (LDTR is null; modify_ldt() was never called)",
          SegmentException.GP, Selector.errorCode(sel), FaultReason.NO_LDT);
    }
    String table = Selector.ldt(sel) ? "LDT" : "GDT";
    int entries = c.tableEntries(sel);
    if (!c.withinTable(sel)) {
      return fail(trace, "table limit", "index " + index + " is beyond the " + table + " limit " + hex(entries * 8L - 1)
          + " (" + entries(entries) + ")", SegmentException.GP, Selector.errorCode(sel), FaultReason.BEYOND_TABLE_LIMIT);
    }
    if (trace != null) {
      trace.add(new SegmentCheck("table limit", true, "index " + index + " within the " + table + " limit "
          + hex(entries * 8L - 1) + " (" + entries(entries) + ")"));
    }
    return 0;
  }

  private static int presentCheck(long d, int sel, SegmentException ex, List<SegmentCheck> trace) {
    if (!DescriptorBits.present(d)) {
      return fail(trace, "present", "P = 0", ex, Selector.errorCode(sel), FaultReason.NOT_PRESENT);
    }
    if (trace != null) {
      trace.add(new SegmentCheck("present", true, "P = 1"));
    }
    return 0;
  }

  private static int typeCheck(long d, Access access, List<SegmentCheck> trace) {
    switch (access) {
      case WRITE:
        if (DescriptorBits.isCode(d)) {
          return fail(trace, "access", "write through a code segment (" + typeName(d) + ")", SegmentException.GP, 0,
              FaultReason.WRITE_TO_CODE);
        }
        if (!DescriptorBits.writableData(d)) {
          return fail(trace, "access", "write through a read-only data segment (" + typeName(d) + ")",
              SegmentException.GP, 0, FaultReason.WRITE_TO_READ_ONLY);
        }
        break;
      case READ:
        if (DescriptorBits.isCode(d) && !DescriptorBits.readableCode(d)) {
          return fail(trace, "access", "read through an execute-only code segment (" + typeName(d) + ")",
              SegmentException.GP, 0, FaultReason.READ_EXECUTE_ONLY);
        }
        break;
      default:
        break;
    }
    if (trace != null) {
      trace.add(new SegmentCheck("access", true, access.name().toLowerCase(java.util.Locale.ROOT)
          + " allowed by " + typeName(d)));
    }
    return 0;
  }

  private static void cache(SegmentContext c, int i, int sel, long d) {
    c.selector[i] = sel;
    c.cached[i] = d;
    c.base[i] = DescriptorBits.base(d);
    c.limit[i] = DescriptorBits.effectiveLimit(d);
  }

  private static int fail(List<SegmentCheck> trace, String check, String detail, SegmentException ex, int errorCode,
      FaultReason reason) {
    if (trace != null) {
      trace.add(new SegmentCheck(check, false, detail));
    }
    return SegmentFault.pack(ex, errorCode, reason);
  }

  private static String typeName(long d) {
    return SegmentDescriptor.of(d).typeName();
  }

  private static String entries(int n) {
    return n == 1 ? "1 entry" : n + " entries";
  }

  private static String span(long first, long last) {
    return first == last ? "offset " + hex(first) : "offsets " + hex(first) + ".." + hex(last);
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }
}
