package io.vmlab.kernel.exec;

import static io.vmlab.kernel.exec.ExecMachine.RW;
import static io.vmlab.kernel.exec.ExecMachine.RWX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.exec.elf.ElfFile;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.Vma;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** load_elf_binary() on synthetic programs: placement, bss, brk, stacks and refusals. */
class ExecTest {
  private static final KernelVersion V61 = KernelVersion.V6_1;

  private static String line(String range, String perms, String off, String dev, String name) {
    String s = range + " " + perms + " " + off + " " + dev + " ";
    StringBuilder sb = new StringBuilder(s);
    while (sb.length() < 73) {
      sb.append(' ');
    }
    return sb.append(name).toString();
  }

  @Test
  void static_program_segments_bss_and_heap_on_6_1() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    ExecResult r = m.exec(t, ExecMachine.withGnuStack(ExecMachine.staticExec(2, 0x5000), RW).build(), null);
    assertEquals(List.of(
        line("00400000-00401000", "r--p", "00000000", "00:02 20", "/bin/prog"),
        line("00401000-00403000", "r-xp", "00001000", "00:02 20", "/bin/prog"),
        line("00403000-00404000", "r--p", "00003000", "00:02 20", "/bin/prog"),
        line("00404000-00405000", "rw-p", "00003000", "00:02 20", "/bin/prog"),
        line("00405000-0040a000", "rw-p", "00000000", "00:00 0", "[heap]"),
        line("7ffff7ff9000-7ffff7ffd000", "r--p", "00000000", "00:00 0", "[vvar]"),
        line("7ffff7ffd000-7ffff7fff000", "r-xp", "00000000", "00:00 0", "[vdso]"),
        line("7ffffffde000-7ffffffff000", "rw-p", "00000000", "00:00 0", "[stack]")), m.maps(t));
    MmStruct mm = t.mm();
    assertEquals(0x40a000L, mm.startBrk());
    assertEquals(0x40a000L, mm.brk());
    assertEquals(0x401000L, mm.startCode());
    assertEquals(0x403000L, mm.endCode());
    assertEquals(0x4046d8L, mm.startData());
    assertEquals(0x4047d8L, mm.endData());
    assertEquals(0x401000L, r.entry());
    assertEquals(0x400040L, r.aux(Auxv.AT_PHDR));
    assertEquals(0L, r.aux(Auxv.AT_BASE));
    assertEquals(Task.ADDR_NO_RANDOMIZE, t.personality());
    assertTrue(new Invariants(m.kernel).check().isEmpty());
  }

  @Test
  void on_6_18_the_bss_is_not_named_heap_and_the_vdso_has_a_vclock() {
    ExecMachine m = new ExecMachine("x86_64", "4level", KernelVersion.V6_18);
    Task t = m.task();
    ExecResult r = m.exec(t, ExecMachine.withGnuStack(ExecMachine.staticExec(2, 0x5000), RW).build(), null);
    List<String> maps = m.maps(t);
    assertEquals("00405000-0040a000 rw-p 00000000 00:00 0 ", maps.get(4));
    assertEquals(line("7ffff7ffb000-7ffff7ffd000", "r--p", "00000000", "00:00 0", "[vvar_vclock]"), maps.get(6));
    assertEquals(0x1cL, r.aux(Auxv.AT_RSEQ_FEATURE_SIZE));
    assertEquals(0x20L, r.aux(Auxv.AT_RSEQ_ALIGN));
  }

  @Test
  void a_pie_loads_at_elf_et_dyn_base_and_its_interpreter_below_mmap_base() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    ExecResult r = m.exec(t, ExecMachine.pie(2, "/lib/ld.so", 0x1000).build(), ExecMachine.ldso(2));
    assertEquals(0x555555554000L, r.loadBias());
    assertEquals(0x7ffff7fca000L, r.interpBase(), "ld.so's 0x35000 bytes end at mmap_base 0x7ffff7fff000");
    assertEquals(r.interpBase(), r.aux(Auxv.AT_BASE));
    assertEquals(0x7ffff7fca000L + 0x1ab70, r.entry());
    assertEquals(0x555555555050L, r.aux(Auxv.AT_ENTRY));
    assertEquals(0x7ffff7fc8000L, r.vdso(), "the vdso goes below the interpreter");
    assertEquals(0x555555559000L, t.mm().startBrk());
    List<String> maps = m.maps(t);
    assertEquals(line("555555557000-555555559000", "rw-p", "00002000", "00:02 20", "/bin/prog"), maps.get(3));
    assertEquals(line("7ffff7ffb000-7ffff7fff000", "rw-p", "00031000", "00:02 21", "/lib/ld.so"), maps.get(9));
  }

  @Test
  void an_ia32_pie_on_x86_64_runs_as_a_compat_task_at_0x56555000() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    ExecResult r = m.exec(t, ExecMachine.pie(1, "/lib/ld.so", 0x1000).build(), ExecMachine.ldso(1));
    assertEquals("i386", t.abi().name());
    assertTrue(t.abi().compat());
    assertEquals(0x56555000L, r.loadBias());
    assertEquals(0xffffe000L, r.stackEnd());
    assertEquals(0xf7fc9000L, r.interpBase());
    assertEquals(0xf7fc7000L, r.vdso());
    assertEquals(r.vdso() + 0x550, r.aux(Auxv.AT_SYSINFO));
    assertEquals(Auxv.AT_SYSINFO, r.auxv().get(0).type(), "ARCH_DLINFO_IA32 puts AT_SYSINFO first");
    assertEquals(0x20L, r.aux(Auxv.AT_PHENT));
  }

  @Test
  void a_static_pie_goes_top_down_and_its_brk_to_elf_et_dyn_base() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    ExecResult r = m.exec(t, ExecMachine.pie(2, null, 0x1000).build(), null);
    assertEquals(0x7ffff7ffa000L, r.loadBias(), "the image's 5 pages (0x4030 bytes) end at mmap_base");
    assertEquals(0x555555555000L, t.mm().startBrk(), "PAGE_ALIGN(ELF_ET_DYN_BASE)");
    assertEquals(0L, r.aux(Auxv.AT_BASE));
    assertEquals(0x7ffff7ff8000L, r.vdso(), "[vvar][vdso] right below the image");
  }

  @Test
  void a_static_pie_asking_for_2m_alignment_is_re_placed_aligned() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    ExecResult r = m.exec(t, ExecMachine.pie(2, null, 0x200000).build(), null);
    assertEquals(0x7ffff7e00000L, r.loadBias(), "0x7ffff7ffa000 rounded down to 2 MiB");
  }

  @Test
  void a_dynamic_pie_with_2m_alignment_rounds_elf_et_dyn_base_down() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    ExecResult r = m.exec(t, ExecMachine.pie(2, "/lib/ld.so", 0x200000).build(), ExecMachine.ldso(2));
    assertEquals(0x555555400000L, r.loadBias());
  }

  @Test
  void pt_gnu_stack_with_x_makes_only_the_stack_executable() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    m.exec(t, ExecMachine.withGnuStack(ExecMachine.staticExec(2, 0), RWX).build(), null);
    List<String> maps = m.maps(t);
    assertTrue(maps.get(maps.size() - 1).contains(" rwxp ") && maps.get(maps.size() - 1).endsWith("[stack]"), maps.toString());
    assertTrue(maps.get(3).contains(" rw-p "), maps.toString());
  }

  @Test
  void an_ia32_program_without_pt_gnu_stack_reads_implies_exec() {
    ExecMachine m = new ExecMachine("ia32", "2level", V61);
    Task t = m.task();
    m.exec(t, ExecMachine.staticExec(1, 0x3000).build(), null);
    assertEquals(Task.ADDR_NO_RANDOMIZE | Task.READ_IMPLIES_EXEC, t.personality());
    List<String> maps = m.maps(t);
    assertTrue(maps.get(0).startsWith("08048000-0804c000 r-xp 00000000 00:02 20 "),
        "r--, r-x and r-- become one executable VMA: " + maps);
    assertTrue(maps.get(1).startsWith("0804c000-0804d000 rwxp 00003000 "), maps.toString());
    assertTrue(maps.get(2).startsWith("0804d000-08050000 rwxp 00000000 00:00 0 ") && maps.get(2).endsWith("[heap]"),
        "the bss gets VM_DATA_DEFAULT_FLAGS, executable under READ_IMPLIES_EXEC: " + maps);
    assertTrue(maps.get(maps.size() - 1).startsWith("bffdf000-c0000000 rwxp "), maps.toString());
    assertTrue(maps.get(maps.size() - 2).startsWith("b7ffe000-b8000000 r-xp ") && maps.get(maps.size() - 2).endsWith("[vdso]"));
  }

  @Test
  void a_64_bit_program_without_pt_gnu_stack_does_not() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    t.setPersonality(Task.ADDR_NO_RANDOMIZE | Task.READ_IMPLIES_EXEC);
    m.exec(t, ExecMachine.staticExec(2, 0).build(), null);
    assertEquals(Task.ADDR_NO_RANDOMIZE, t.personality(), "set_personality_64bit() clears READ_IMPLIES_EXEC");
    assertTrue(m.maps(t).get(0).contains(" r--p "));
  }

  @Test
  void refusals_leave_the_old_process_as_it_was() {
    ExecMachine m = new ExecMachine("ia32", "2level", V61);
    Task t = m.task();
    m.exec(t, ExecMachine.withGnuStack(ExecMachine.staticExec(1, 0x2000), RW).build(), null);
    List<String> before = m.maps(t);
    MmStruct mm = t.mm();
    ExecException wrong = assertThrows(ExecException.class,
        () -> m.exec(t, ExecMachine.staticExec(2, 0).build(), null));
    assertEquals(Errno.ENOEXEC, wrong.errno());
    assertEquals("/bin/prog: an ELFCLASS64 EM_X86_64 program, but this ia32 machine runs ELFCLASS32 EM_386 programs",
        wrong.getMessage());
    byte[] arm = new io.vmlab.kernel.exec.elf.ElfImageBuilder(1, 40, ElfFile.ET_EXEC).entry(0x10000)
        .load(ExecMachine.RX, 0, 0x10000, 0x100, 0x100).fileSize(0x1000).build();
    ExecException wrongMachine = assertThrows(ExecException.class, () -> m.exec(t, arm, null));
    assertEquals(Errno.ENOEXEC, wrongMachine.errno());
    assertEquals("/bin/prog: an ELFCLASS32 EM_ARM program, but this ia32 machine runs ELFCLASS32 EM_386 programs",
        wrongMachine.getMessage());
    ExecException noInterp = assertThrows(ExecException.class,
        () -> m.exec(t, ExecMachine.pie(1, "/lib/missing.so", 0x1000).build(), null));
    assertEquals(Errno.ENOENT, noInterp.errno());
    ExecException badInterp = assertThrows(ExecException.class,
        () -> m.exec(t, ExecMachine.pie(1, "/lib/ld.so", 0x1000).build(), ExecMachine.ldso(2)));
    assertEquals(Errno.ELIBBAD, badInterp.errno());
    List<String> huge = new ArrayList<>(Collections.nCopies(40, "x".repeat(100_000)));
    ExecException e2big = assertThrows(ExecException.class,
        () -> m.exec(t, "/bin/prog", ExecMachine.staticExec(1, 0).build(), null, huge, List.of(), 1));
    assertEquals(Errno.E2BIG, e2big.errno());
    ExecException notElf = assertThrows(ExecException.class,
        () -> m.exec(t, "MZ\0\0not a program".getBytes(), null));
    assertEquals(Errno.ENOEXEC, notElf.errno());
    ExecException noShell = assertThrows(ExecException.class,
        () -> m.exec(t, "#!/bin/sh\n".getBytes(), null));
    assertEquals(Errno.ENOENT, noShell.errno(), "a script whose interpreter is missing");
    assertSame(mm, t.mm());
    assertEquals(before, m.maps(t));
  }

  @Test
  void a_first_segment_over_the_stack_fails_with_eexist() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    byte[] image = new io.vmlab.kernel.exec.elf.ElfImageBuilder(2, ElfFile.EM_X86_64, ElfFile.ET_EXEC)
        .entry(0x7ffffffe0000L).load(ExecMachine.RX, 0, 0x7ffffffe0000L, 0x100, 0x100).fileSize(0x1000).build();
    ExecException e = assertThrows(ExecException.class, () -> m.exec(t, image, null));
    assertEquals(Errno.EEXIST, e.errno());
    assertTrue(e.getMessage().contains("MAP_FIXED_NOREPLACE"), e.getMessage());
  }

  @Test
  void an_empty_argv_gets_an_empty_argv0() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    ExecResult r = m.exec(t, "/bin/prog", ExecMachine.staticExec(2, 0).build(), null, List.of(), List.of(), 1);
    byte[] argc = Exec.peekUser(t, r.sp(), r.sp() + 24);
    assertEquals(1, argc[0]);
    MmStruct mm = t.mm();
    assertEquals(mm.argStart() + 1, mm.argEnd(), "argv[0] is the empty string");
    assertEquals(0, Exec.peekUser(t, mm.argStart(), mm.argStart() + 1)[0]);
  }

  @Test
  void an_unlimited_stack_rlimit_moves_mmap_base_down_but_not_the_stack() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61, false, 2, false, -1, 1);
    Task t = m.task();
    ExecResult r = m.exec(t, ExecMachine.staticExec(2, 0).build(), null);
    assertEquals(0x155555556000L, t.mm().mmapBase());
    assertEquals(0x155555554000L, r.vdso());
    assertEquals(0x7ffffffff000L, r.stackEnd());
  }

  @Test
  void the_legacy_layout_maps_bottom_up_from_task_unmapped_base() {
    ExecMachine sysctl = new ExecMachine("x86_64", "4level", V61, false, 2, true, 8L << 20, 1);
    Task t = sysctl.task();
    ExecResult r = sysctl.exec(t, ExecMachine.pie(2, "/lib/ld.so", 0x1000).build(), ExecMachine.ldso(2));
    assertEquals(0x2aaaaaaab000L, r.interpBase());
    assertEquals(0x2aaaaaae0000L, r.vdso() - 0x4000, "[vvar][vdso] right after ld.so");
    ExecMachine pers = new ExecMachine("ia32", "2level", V61);
    Task u = pers.task();
    u.setPersonality(Task.ADDR_NO_RANDOMIZE | Task.ADDR_COMPAT_LAYOUT);
    ExecResult q = pers.exec(u, ExecMachine.pie(1, "/lib/ld.so", 0x1000).build(), ExecMachine.ldso(1));
    assertEquals(0x40000000L, q.interpBase());
  }

  @Test
  void exec_frees_the_old_address_space() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    io.vmlab.kernel.sys.Syscalls sys = new io.vmlab.kernel.sys.Syscalls(m.kernel);
    m.exec(t, ExecMachine.pie(2, "/lib/ld.so", 0x1000).build(), ExecMachine.ldso(2));
    long anon = sys.mmap(t, 0, 0x10000, io.vmlab.kernel.mm.Mman.PROT_READ | io.vmlab.kernel.mm.Mman.PROT_WRITE,
        io.vmlab.kernel.mm.Mman.MAP_PRIVATE | io.vmlab.kernel.mm.Mman.MAP_ANONYMOUS, null, 0);
    sys.touch(t, anon, 0x10000, io.vmlab.api.arch.Access.WRITE, 7, 4096);
    Task child = sys.fork(t, false);
    m.exec(child, ExecMachine.staticExec(2, 0x2000).build(), null);
    m.exec(t, ExecMachine.withGnuStack(ExecMachine.staticExec(2, 0), RW).build(), null);
    assertTrue(new Invariants(m.kernel).check().isEmpty());
    sys.exit(child);
    sys.exit(t);
    assertEquals(List.of(), new Invariants(m.kernel).checkNoLeaks());
  }

  @Test
  void mmap_page_zero_maps_page_zero() {
    ExecMachine m = new ExecMachine("x86_64", "4level", V61);
    Task t = m.task();
    t.setPersonality(Task.ADDR_NO_RANDOMIZE | Exec.MMAP_PAGE_ZERO);
    m.exec(t, ExecMachine.staticExec(2, 0).build(), null);
    Vma zero = t.mm().vmas().first();
    assertEquals(0, zero.start());
    assertEquals("0-1000 r-xp", zero.toString());
  }
}
