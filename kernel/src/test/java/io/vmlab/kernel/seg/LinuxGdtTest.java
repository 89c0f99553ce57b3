package io.vmlab.kernel.seg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.SegmentDescriptor;
import io.vmlab.api.arch.SegmentRegister;
import io.vmlab.api.arch.Segmentation;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The GDT and selectors each ABI gets, against arch/x86/include/asm/segment.h and the gdt_page
 * initializer of arch/x86/kernel/cpu/common.c (Linux 6.1).
 */
class LinuxGdtTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2level", "pae"})
  void i386SelectorsAndLayout(String paging) {
    Segmentation s = Processes.segmentation(Processes.ia32(paging), "i386");
    assertEquals(32, s.gdtEntries());
    assertEquals(6, s.tlsMin());
    assertFalse(s.longModeActive());
    Map<String, Integer> sel = s.selectors();
    assertEquals(0x60, sel.get("__KERNEL_CS"));
    assertEquals(0x68, sel.get("__KERNEL_DS"));
    assertEquals(0x73, sel.get("__USER_CS"));
    assertEquals(0x7b, sel.get("__USER_DS"));
    assertEquals(0xd0, sel.get("__ESPFIX_SS"));
    assertEquals(0xd8, sel.get("__KERNEL_PERCPU"));
    assertEquals("__USER_CS", s.selectorName(0x73));
    assertEquals("GDT_ENTRY_KERNEL_CS", s.gdtEntryName(12));
    assertEquals("GDT_ENTRY_KERNEL_DS", s.gdtEntryName(13));
    assertEquals("GDT_ENTRY_DEFAULT_USER_CS", s.gdtEntryName(14));
    assertEquals("GDT_ENTRY_DEFAULT_USER_DS", s.gdtEntryName(15));
    assertEquals("GDT_ENTRY_TSS", s.gdtEntryName(16));
    assertEquals("GDT_ENTRY_LDT", s.gdtEntryName(17));
    assertEquals("GDT_ENTRY_PERCPU", s.gdtEntryName(27));
    assertEquals("GDT_ENTRY_DOUBLEFAULT_TSS", s.gdtEntryName(31));
    assertTrue(s.gdtEntryName(6).startsWith("TLS #1"));
    // GDT_ENTRY_INIT(0xc09a / 0xc092 / 0xc0fa / 0xc0f2, 0, 0xfffff)
    assertEquals(0x00cf9a000000ffffL, s.gdtEntry(12));
    assertEquals(0x00cf92000000ffffL, s.gdtEntry(13));
    assertEquals(0x00cffa000000ffffL, s.gdtEntry(14));
    assertEquals(0x00cff2000000ffffL, s.gdtEntry(15));
    // start_thread(): cs = __USER_CS, ds = es = ss = __USER_DS, fs = gs = 0.
    assertRegisters(s, false, 0x73, 0x7b, 0x7b, 0x7b, 0, 0);
    // SAVE_ALL: __KERNEL_CS, __KERNEL_DS on the stack, ds = es = __USER_DS, fs = __KERNEL_PERCPU.
    assertRegisters(s, true, 0x60, 0x68, 0x7b, 0x7b, 0xd8, -1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"4level", "5level"})
  void x86_64SelectorsAndLayout(String paging) {
    Segmentation s = Processes.segmentation(Processes.x86_64(paging), "x86_64");
    assertEquals(16, s.gdtEntries());
    assertEquals(12, s.tlsMin());
    assertTrue(s.longModeActive());
    Map<String, Integer> sel = s.selectors();
    assertEquals(0x08, sel.get("__KERNEL32_CS"));
    assertEquals(0x10, sel.get("__KERNEL_CS"));
    assertEquals(0x18, sel.get("__KERNEL_DS"));
    assertEquals(0x23, sel.get("__USER32_CS"));
    assertEquals(0x2b, sel.get("__USER_DS"));
    assertEquals(0x33, sel.get("__USER_CS"));
    assertEquals(0x7b, sel.get("__CPUNODE_SEG"));
    assertEquals("GDT_ENTRY_KERNEL32_CS", s.gdtEntryName(1));
    assertEquals("GDT_ENTRY_DEFAULT_USER32_CS", s.gdtEntryName(4));
    assertEquals("GDT_ENTRY_DEFAULT_USER_DS", s.gdtEntryName(5));
    assertEquals("GDT_ENTRY_DEFAULT_USER_CS", s.gdtEntryName(6));
    assertTrue(s.gdtEntryName(8).startsWith("GDT_ENTRY_TSS"));
    assertTrue(s.gdtEntryName(10).startsWith("GDT_ENTRY_LDT"));
    assertEquals("GDT_ENTRY_CPUNODE", s.gdtEntryName(15));
    assertEquals(0x00cf9b000000ffffL, s.gdtEntry(1));
    assertEquals(0x00af9b000000ffffL, s.gdtEntry(2));
    assertEquals(0x00cf93000000ffffL, s.gdtEntry(3));
    assertEquals(0x00cffb000000ffffL, s.gdtEntry(4));
    assertEquals(0x00cff3000000ffffL, s.gdtEntry(5));
    assertEquals(0x00affb000000ffffL, s.gdtEntry(6));
    // start_thread_common(__USER_CS, __USER_DS, 0)
    assertRegisters(s, false, 0x33, 0x2b, 0, 0, 0, 0);
    assertRegisters(s, true, 0x10, 0x18, -1, -1, -1, -1);

    Segmentation compat = Processes.segmentation(Processes.x86_64(paging), "i386");
    assertEquals(s.gdtEntry(4), compat.gdtEntry(4), "one GDT for both ABIs");
    // compat_start_thread(): __USER32_CS, ss = ds = es = __USER_DS.
    assertRegisters(compat, false, 0x23, 0x2b, 0x2b, 0x2b, 0, 0);
  }

  @Test
  void userAndKernelSegmentsAreFlat() {
    for (Segmentation s : new Segmentation[] {Processes.segmentation(Processes.ia32("2level"), "i386"),
        Processes.segmentation(Processes.x86_64("4level"), "x86_64")}) {
      for (String name : new String[] {"__KERNEL_CS", "__KERNEL_DS", "__USER_CS", "__USER_DS"}) {
        int sel = s.selectors().get(name);
        SegmentDescriptor d = SegmentDescriptor.of(s.gdtEntry(Selector.index(sel)));
        String msg = name + " = 0x" + Integer.toHexString(sel) + ": " + d;
        assertEquals(0, d.base(), msg);
        assertEquals(0xfffff, d.limit(), msg);
        assertTrue(d.granularity(), msg);
        assertEquals(0xffffffffL, d.effectiveLimit(), msg);
        assertTrue(d.present() && d.s(), msg);
        assertEquals(name.startsWith("__USER") ? 3 : 0, d.dpl(), msg);
        assertEquals(Selector.rpl(sel), d.dpl(), msg);
        if (name.endsWith("_CS")) {
          assertTrue(d.isCode() && d.readable() && !d.conforming(), msg);
        } else {
          assertTrue(d.isData() && d.writable() && !d.expandDown(), msg);
        }
      }
    }
    Segmentation x64 = Processes.segmentation(Processes.x86_64("4level"), "x86_64");
    SegmentDescriptor userCs = SegmentDescriptor.of(x64.gdtEntry(6));
    assertTrue(userCs.longMode() && !userCs.defaultBig(), "__USER_CS is 64-bit code: L=1, D=0");
    SegmentDescriptor user32Cs = SegmentDescriptor.of(x64.gdtEntry(4));
    assertTrue(!user32Cs.longMode() && user32Cs.defaultBig(), "__USER32_CS is 32-bit code: L=0, D=1");
    SegmentDescriptor cpunode = SegmentDescriptor.of(x64.gdtEntry(15));
    assertTrue(cpunode.expandDown() && !cpunode.writable() && cpunode.dpl() == 3, cpunode.toString());
  }

  @Test
  void processesStartInTheirMode() {
    assertEquals(AddressingMode.PROTECTED, Processes.i386().mode());
    assertEquals(AddressingMode.LONG, Processes.native64().mode());
    assertEquals(AddressingMode.COMPATIBILITY, Processes.compat().mode());
    SegmentContext c = Processes.i386();
    assertEquals(0x73, c.selector(SegmentRegister.CS));
    assertEquals(3, c.cpl());
    c.enterKernel();
    assertEquals(0, c.cpl());
    assertEquals(0x60, c.selector(SegmentRegister.CS));
    assertEquals(0x68, c.selector(SegmentRegister.SS));
    assertEquals(0xd8, c.selector(SegmentRegister.FS));
    SegmentContext k = Processes.native64();
    k.enterKernel();
    assertEquals(0x10, k.selector(SegmentRegister.CS));
    assertEquals(AddressingMode.LONG, k.mode());
    SegmentContext compatKernel = Processes.compat();
    compatKernel.enterKernel();
    assertEquals(AddressingMode.LONG, compatKernel.mode(), "the kernel runs 64-bit code for a compat process too");
  }

  private static void assertRegisters(Segmentation s, boolean kernel, int cs, int ss, int ds, int es, int fs, int gs) {
    int[] expected = {es, cs, ss, ds, fs, gs};
    for (SegmentRegister r : SegmentRegister.values()) {
      assertEquals(expected[r.ordinal()], kernel ? s.kernelSelector(r) : s.userSelector(r),
          (kernel ? "kernel " : "user ") + r.linuxName());
    }
  }
}
