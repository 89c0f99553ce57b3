package io.vmlab.app.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlab.app.CliRun;
import io.vmlab.app.format.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vmlab translate --logical}: segmentation, then paging. */
class TranslateLogicalTest {
  private static JsonNode json(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("translate", "--json"));
    all.addAll(List.of(args));
    CliRun.Result r = CliRun.vmlab(all.toArray(String[]::new));
    assertEquals(0, r.code(), r.toString());
    return Json.mapper().readTree(r.out());
  }

  private static JsonNode logical(String... args) throws IOException {
    return json(args).get("logical").get(0);
  }

  @Test
  void userCodeSelectorOnIa32TwoLevel() {
    CliRun.Result r = CliRun.vmlab("translate", "--machine", "ia32-2level", "--logical", "0x73:0x08048000");
    assertEquals(0, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals("process i386 at CPL 3 (32-bit protected mode): cs 0x73 ss 0x7b ds 0x7b es 0x7b fs 0x0 gs 0x0, "
        + "fs base 0x0, gs base 0x0, no LDT", lines.get(2));
    assertEquals("logical 0x73:0x08048000: read of 1 byte at offset 0x8048000 through ds (selector loaded into ds)",
        lines.get(4));
    assertEquals("  selector    0x73: index 14, TI 0 (GDT), RPL 3  = __USER_CS", lines.get(5));
    assertEquals("  descriptor  GDT[14] GDT_ENTRY_DEFAULT_USER_CS: 0x00cffa000000ffff", lines.get(6));
    assertEquals("              base 0x0, limit 0xfffff (G=1: 0xffffffff), type 0xa (code, execute/read)", lines.get(7));
    assertEquals("              S=1 DPL=3 P=1 D/B=1 L=0 G=1 AVL=0", lines.get(8));
    assertTrue(r.out().contains("  ok      privilege    max(CPL 3, RPL 3) = 3 <= DPL 3\n"), r.out());
    assertTrue(r.out().contains("  ok      limit        offset 0x8048000 within the limit 0xffffffff\n"), r.out());
    assertTrue(r.out().contains("  linear      0x8048000 = base 0x0 + offset 0x8048000\n"), r.out());
    assertTrue(r.out().contains("paging of the linear address:\n0x8048000  user\n"), r.out());
    assertTrue(r.out().contains("  pgd         32  0x20  31..22\n"), r.out());
    assertTrue(r.out().contains("  pte         72  0x48  21..12\n"), r.out());
    assertEquals(0, r.out().lines().filter(l -> l.contains("FAIL")).count(), r.out());
  }

  @Test
  void userDataSelectorWriteAtTheStackTop() throws IOException {
    JsonNode t = logical("--machine", "ia32-2level", "--logical", "0x7b:0xbffff000", "--access", "write");
    assertEquals("ds", t.get("register").asText());
    assertEquals("0x7b", t.get("selector").get("value").asText());
    assertEquals(15, t.get("selector").get("index").asInt());
    assertEquals("GDT", t.get("selector").get("table").asText());
    assertEquals(3, t.get("selector").get("rpl").asInt());
    assertEquals("__USER_DS", t.get("selector").get("name").asText());
    JsonNode d = t.get("descriptor");
    assertEquals("GDT_ENTRY_DEFAULT_USER_DS", d.get("entry").asText());
    assertEquals("0xcff2000000ffff", d.get("raw").asText());
    assertEquals("0x0", d.get("base").asText());
    assertEquals("0xffffffff", d.get("effectiveLimit").asText());
    assertEquals("data, read/write", d.get("typeName").asText());
    assertEquals(3, d.get("dpl").asInt());
    assertTrue(t.get("fault").isNull());
    assertEquals("write", t.get("access").asText());
    assertEquals("0xbffff000", t.get("linear").asText());
    assertEquals(6, t.get("checks").size());
    t.get("checks").forEach(c -> assertTrue(c.get("passed").asBoolean(), c.toString()));
    assertEquals("user", t.get("paging").get("space").asText());
    assertEquals("0xbffff000", t.get("paging").get("address").asText());
  }

  @Test
  void kernelSelectorFromUserModeIsGpWithTheSelector() throws IOException {
    JsonNode t = logical("--machine", "ia32-2level", "--logical", "0x68:0xc0000000");
    JsonNode f = t.get("fault");
    assertEquals("#GP", f.get("exception").asText());
    assertEquals(13, f.get("vector").asInt());
    assertEquals("0x68", f.get("errorCode").asText());
    assertEquals(13, f.get("index").asInt());
    assertEquals(0, f.get("ti").asInt());
    assertEquals(0, f.get("ext").asInt());
    assertEquals("#GP(0x68)", f.get("mnemonic").asText());
    assertTrue(t.get("linear").isNull());
    assertTrue(t.get("paging").isNull());
    // The same access from the kernel (CPL 0) passes.
    JsonNode k = logical("--machine", "ia32-2level", "--cpl", "0", "--logical", "0x68:0xc0000000");
    assertTrue(k.get("fault").isNull(), k.toString());
    assertEquals("kernel", k.get("paging").get("space").asText());
  }

  @Test
  void ldtSegmentLimitFiresThroughTheCli() throws IOException {
    JsonNode doc = json("--machine", "ia32-pae", "--ldt", "0,0x10000,0xfff", "--logical", "0x7:0xfff",
        "--logical", "0x7:0x1000", "--logical", "ss=0x7:0x1000");
    assertEquals(1, doc.get("process").get("ldtEntries").asInt());
    JsonNode inside = doc.get("logical").get(0);
    assertEquals("0x10fff", inside.get("linear").asText());
    assertEquals("LDT", inside.get("selector").get("table").asText());
    assertEquals("#GP(0)", doc.get("logical").get(1).get("fault").get("mnemonic").asText());
    assertEquals("#SS(0)", doc.get("logical").get(2).get("fault").get("mnemonic").asText());
  }

  @Test
  void longModeUsesFsBaseAndChecksTheCanonicalForm() throws IOException {
    JsonNode doc = json("--machine", "x86_64-4level", "--fs-base", "0x7ffff7d8a740", "--logical", "fs:0x28",
        "--logical", "ds:0x800000000000", "--logical", "0x2b:0x401000");
    assertEquals("64-bit mode", doc.get("process").get("mode").asText());
    assertEquals("0x33", doc.get("process").get("registers").get("cs").asText());
    assertEquals("0x7ffff7d8a740", doc.get("process").get("fsBase").asText());
    JsonNode fs = doc.get("logical").get(0);
    assertEquals("0x7ffff7d8a768", fs.get("linear").asText());
    assertEquals(false, fs.get("selector").get("loaded").asBoolean());
    JsonNode nonCanonical = doc.get("logical").get(1);
    assertEquals("#GP(0)", nonCanonical.get("fault").get("mnemonic").asText());
    assertEquals("non-canonical linear address", nonCanonical.get("fault").get("reason").asText());
    assertEquals("0x401000", doc.get("logical").get(2).get("linear").asText());
  }

  @Test
  void compatProcessUsesTheCompatSelectors() throws IOException {
    JsonNode doc = json("--machine", "x86_64-4level", "--abi", "i386", "--access", "exec", "--logical",
        "cs:0x8049000");
    assertEquals("compatibility mode", doc.get("process").get("mode").asText());
    assertEquals("0x23", doc.get("process").get("registers").get("cs").asText());
    assertEquals("0x2b", doc.get("process").get("registers").get("ds").asText());
    JsonNode t = doc.get("logical").get(0);
    assertEquals("__USER32_CS", t.get("selector").get("name").asText());
    assertEquals("0x8049000", t.get("linear").asText());
  }

  @Test
  void badInputIsAUsageError() {
    CliRun.Result notSel = CliRun.vmlab("translate", "--machine", "ia32-2level", "--logical", "zz:0x10");
    assertEquals(2, notSel.code());
    assertEquals("", notSel.out());
    assertEquals(List.of("vmlab translate: --logical 'zz' in 'zz:0x10' is not a selector (hex 0x73 or decimal 115) "
        + "or a segment register (cs, ds, es, fs, gs, ss)"), notSel.errLines());

    CliRun.Result noOffset = CliRun.vmlab("translate", "--machine", "ia32-2level", "--logical", "0x73");
    assertEquals(2, noOffset.code());
    assertTrue(noOffset.err().contains("is not a logical address"), noOffset.err());

    CliRun.Result wide = CliRun.vmlab("translate", "--machine", "ia32-2level", "--logical", "ds:0x100000000");
    assertEquals(2, wide.code());
    assertTrue(wide.err().contains("does not fit in 32 bits"), wide.err());

    CliRun.Result abi = CliRun.vmlab("translate", "--machine", "ia32-2level", "--abi", "x86_64", "--logical", "ds:0");
    assertEquals(2, abi.code());
    assertEquals(List.of("vmlab translate: --abi 'x86_64': machine ia32-2level runs i386 processes"), abi.errLines());

    CliRun.Result stray = CliRun.vmlab("translate", "--machine", "ia32-2level", "--access", "write", "0x1000");
    assertEquals(2, stray.code());
    assertEquals(List.of("vmlab translate: --access applies only to --logical addresses"), stray.errLines());

    CliRun.Result badLdt = CliRun.vmlab("translate", "--machine", "ia32-2level", "--ldt", "8192,0,0xfff",
        "--logical", "ds:0");
    assertEquals(2, badLdt.code());
    assertTrue(badLdt.err().contains("modify_ldt() returns -EINVAL"), badLdt.err());

    CliRun.Result fsBase = CliRun.vmlab("translate", "--machine", "ia32-2level", "--fs-base", "0x1000", "--logical",
        "fs:0");
    assertEquals(2, fsBase.code());
    assertTrue(fsBase.err().contains("arch_prctl(ARCH_SET_FS) is -EINVAL for an i386 process"), fsBase.err());

    CliRun.Result nothing = CliRun.vmlab("translate", "--machine", "ia32-2level");
    assertEquals(2, nothing.code());
    assertEquals(List.of("vmlab translate: give virtual addresses (ADDR...) or --logical SEL:OFFSET"),
        nothing.errLines());
  }
}
