package io.vmlab.app.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlab.app.CliRun;
import io.vmlab.app.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code vmlab layout --json} on the bundled machines gives Linux 6.1's values (randomization off,
 * 8 MiB stack rlimit), computed by the plugins: the arch's constants and the layout policy's
 * mmap_base.
 */
class LayoutValuesTest {
  private static JsonNode layout(String machine) throws IOException {
    CliRun.Result r = CliRun.vmlab("layout", "--machine", machine, "--json");
    assertEquals(0, r.code(), r.toString());
    assertEquals("", r.err());
    return Json.mapper().readTree(r.out());
  }

  private static JsonNode abi(JsonNode layout, String name) {
    for (JsonNode abi : layout.get("abis")) {
      if (abi.get("abi").asText().equals(name)) {
        return abi;
      }
    }
    throw new AssertionError("no ABI " + name + " in " + layout);
  }

  private static List<String> foldedLevels(JsonNode layout) {
    List<String> folded = new ArrayList<>();
    for (JsonNode l : layout.get("levels")) {
      if (l.get("folded").asBoolean()) {
        folded.add(l.get("level").asText());
      }
    }
    return folded;
  }

  @Test
  void x86_64FourLevel() throws IOException {
    JsonNode l = layout("x86_64-4level");
    JsonNode a = abi(l, "x86_64");
    assertEquals("0x7ffffffff000", a.get("taskSize").asText());
    assertEquals("0x7ffffffff000", l.get("taskSizeMax").asText());
    assertEquals("0x7ffffffff000", a.get("stackTop").asText());
    assertEquals("0x7ffff7fff000", a.get("mmapBase").asText());
    assertTrue(a.get("topDown").asBoolean());
    assertEquals("0x2aaaaaaab000", a.get("taskUnmappedBase").asText());
    assertEquals("0x555555554aaa", a.get("elfEtDynBase").asText());
    assertEquals("0x555555554000", a.get("firstPiePage").asText());
    assertEquals("0x400000", a.get("textBase").asText());
    assertEquals(List.of("p4d"), foldedLevels(l));
    assertEquals(4, l.get("walkDepth").asInt());
    assertEquals(8, l.get("entryBytes").asInt());
    assertEquals(48, l.get("virtualBits").asInt());
  }

  @Test
  void x86_64CompatProcessIsTheSecondAbi() throws IOException {
    JsonNode a = abi(layout("x86_64-4level"), "i386");
    assertTrue(a.get("compat").asBoolean());
    assertEquals("0xffffe000", a.get("taskSize").asText());
    assertEquals("0xf7ffe000", a.get("mmapBase").asText());
    assertEquals("0x56555000", a.get("elfEtDynBase").asText());
    assertEquals("0x8048000", a.get("textBase").asText());
  }

  @Test
  void x86_64FiveLevelRaisesTaskSizeMaxButNotTheMapWindow() throws IOException {
    JsonNode l = layout("x86_64-5level");
    JsonNode a = abi(l, "x86_64");
    assertEquals("0xfffffffffff000", l.get("taskSizeMax").asText());
    assertEquals("0x7ffffffff000", a.get("mapWindow").asText());
    assertEquals("0x7ffff7fff000", a.get("mmapBase").asText());
    assertEquals(List.of(), foldedLevels(l));
    assertEquals(57, l.get("virtualBits").asInt());
  }

  @Test
  void ia32TwoLevelWithTheDefaultSplit() throws IOException {
    JsonNode l = layout("ia32-2level");
    JsonNode a = abi(l, "i386");
    assertEquals("3G/1G", l.get("split").asText());
    assertEquals("0xc0000000", l.get("pageOffset").asText());
    assertEquals("0xc0000000", a.get("taskSize").asText());
    assertEquals("0xb8000000", a.get("mmapBase").asText());
    assertEquals("0x40000000", a.get("taskUnmappedBase").asText());
    assertEquals("0x400000", a.get("elfEtDynBase").asText());
    assertEquals("0x8048000", a.get("textBase").asText());
    assertEquals(List.of("p4d", "pud", "pmd"), foldedLevels(l));
    assertEquals(4, l.get("entryBytes").asInt());
    assertEquals(1, l.get("abis").size());
    JsonNode pgd = l.get("levels").get(0);
    assertEquals(22, pgd.get("shift").asInt());
    assertEquals(1024, pgd.get("entries").asInt());
    assertEquals(4L << 20, pgd.get("leafSize").asLong());
  }

  @Test
  void ia32PaeFoldsOnlyP4dAndPud() throws IOException {
    JsonNode l = layout("ia32-pae");
    assertEquals(List.of("p4d", "pud"), foldedLevels(l));
    assertEquals(8, l.get("entryBytes").asInt());
    assertEquals(4, l.get("levels").get(0).get("entries").asInt());
    assertEquals("0xb8000000", abi(l, "i386").get("mmapBase").asText());
  }

  @Test
  void stackRlimitAndSplitFromTheMachineFileMoveTheLayout() throws IOException {
    Path f = Files.createTempFile("split", ".yaml");
    try {
      Files.writeString(f,
          "machine:\n  arch: ia32\n  split: 2G/2G\n  limits: {stack: 512M}\n");
      JsonNode a = abi(layout(f.toString()), "i386");
      assertEquals("0x80000000", a.get("taskSize").asText());
      // gap = 512 MiB + 1 MiB guard gap (above the 128 MiB minimum): 0x80000000 - 0x20100000.
      assertEquals("0x5ff00000", a.get("mmapBase").asText());
      assertEquals("0x2aaab000", a.get("taskUnmappedBase").asText());
    } finally {
      Files.delete(f);
    }
  }

  @Test
  void textOutputNamesEveryConstant() {
    CliRun.Result r = CliRun.vmlab("layout", "--machine", "ia32-2level");
    assertEquals(0, r.code(), r.toString());
    for (String s : List.of("TASK_SIZE", "PAGE_OFFSET", "STACK_TOP", "mmap_base", "TASK_UNMAPPED_BASE",
        "ELF_ET_DYN_BASE", "text base (non-PIE)", "0xb8000000", "pgd", "folded", "vmalloc")) {
      assertTrue(r.out().contains(s), "missing " + s + " in\n" + r.out());
    }
    assertFalse(r.out().contains("Process layout: x86_64"));
  }
}
