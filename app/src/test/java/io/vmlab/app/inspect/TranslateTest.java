package io.vmlab.app.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmlab.app.CliRun;
import io.vmlab.app.format.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vmlab translate} splits addresses as each MMU walks them. */
class TranslateTest {
  private static JsonNode translate(String machine, String... addresses) throws IOException {
    String[] args = new String[addresses.length + 4];
    args[0] = "translate";
    args[1] = "--machine";
    args[2] = machine;
    args[3] = "--json";
    System.arraycopy(addresses, 0, args, 4, addresses.length);
    CliRun.Result r = CliRun.vmlab(args);
    assertEquals(0, r.code(), r.toString());
    return Json.mapper().readTree(r.out()).get("translations");
  }

  private static Integer index(JsonNode t, String level) {
    for (JsonNode l : t.get("levels")) {
      if (l.get("level").asText().equals(level)) {
        return l.get("index").isNull() ? null : l.get("index").asInt();
      }
    }
    throw new AssertionError("no level " + level);
  }

  @Test
  void ia32TwoLevelTextBaseAndPageOffset() throws IOException {
    JsonNode ts = translate("ia32-2level", "0x08048000", "c0000000");
    JsonNode text = ts.get(0);
    assertEquals("0x8048000", text.get("address").asText());
    assertEquals("user", text.get("space").asText());
    assertEquals(0x20, index(text, "pgd"));
    assertEquals(0x48, index(text, "pte"));
    assertNull(index(text, "p4d"));
    assertNull(index(text, "pud"));
    assertNull(index(text, "pmd"));
    assertEquals(0, text.get("offset").asInt());

    JsonNode kernel = ts.get(1);
    assertEquals("kernel", kernel.get("space").asText());
    assertEquals(0x300, index(kernel, "pgd"));
    assertEquals(0, index(kernel, "pte"));
    assertEquals("direct map (lowmem)", kernel.get("area").asText());
  }

  @Test
  void x86_64TopOfTheUserHalf() throws IOException {
    JsonNode t = translate("x86_64-4level", "0x00007fffffffffff").get(0);
    assertEquals("user", t.get("space").asText());
    assertEquals(255, index(t, "pgd"));
    assertNull(index(t, "p4d"));
    assertEquals(511, index(t, "pud"));
    assertEquals(511, index(t, "pmd"));
    assertEquals(511, index(t, "pte"));
    assertEquals(0xfff, t.get("offset").asInt());
    assertTrue(t.get("aboveTaskSizeMax").asBoolean(), "the last user page is above TASK_SIZE_MAX");
  }

  @Test
  void x86_64NonCanonicalAddressRaisesGpNotAPageFault() throws IOException {
    JsonNode t = translate("x86_64-4level", "0x0000800000000000").get(0);
    assertEquals("non-canonical", t.get("space").asText());
    assertEquals(0, t.get("levels").size(), "no page walk for a non-canonical address");
    assertTrue(t.get("notes").get(0).asText().startsWith("non-canonical: an access raises #GP, not a page fault"));
    // The same address is canonical with 5-level paging.
    JsonNode five = translate("x86_64-5level", "0x0000800000000000").get(0);
    assertEquals("user", five.get("space").asText());
    assertEquals(0, index(five, "pgd"));
    assertEquals(256, index(five, "p4d"));
  }

  @Test
  void x86_64KernelAddressesNameTheirArea() throws IOException {
    JsonNode ts = translate("x86_64-4level", "0xffffffffff600000", "0xffffc90000001000", "0xffffffffffffffff");
    assertEquals("vsyscall", ts.get(0).get("area").asText());
    assertEquals("vmalloc/ioremap", ts.get(1).get("area").asText());
    assertEquals("kernel", ts.get(2).get("space").asText());
    assertEquals(511, index(ts.get(2), "pgd"));
    assertFalse(ts.get(0).get("aboveTaskSizeMax").asBoolean());
  }

  @Test
  void paeSplitsThirtyTwoBitsIntoTwoNineNineTwelve() throws IOException {
    JsonNode t = translate("ia32-pae", "0xbfffffff").get(0);
    assertEquals(2, index(t, "pgd"));
    assertEquals(511, index(t, "pmd"));
    assertEquals(511, index(t, "pte"));
    assertEquals(0xfff, t.get("offset").asInt());
  }

  @Test
  void textOutputMarksFoldedLevels() {
    CliRun.Result r = CliRun.vmlab("translate", "--machine", "ia32-2level", "0x08048000");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("0x8048000  user"), r.out());
    assertEquals(3, r.out().lines().filter(l -> l.contains("folded")).count(), r.out());
  }

  @Test
  void badAddressesAreUsageErrors() {
    CliRun.Result notHex = CliRun.vmlab("translate", "--machine", "x86_64-4level", "0x1000", "zz");
    assertEquals(2, notHex.code());
    assertEquals("", notHex.out());
    assertEquals(List.of("vmlab translate: 'zz' is not a hex address (e.g. 0x08048000)"), notHex.errLines());

    CliRun.Result tooWide = CliRun.vmlab("translate", "--machine", "x86_64-4level", "0x1ffffffffffffffff");
    assertEquals(2, tooWide.code());
    assertTrue(tooWide.err().contains("does not fit in 64 bits"), tooWide.err());

    CliRun.Result over32 = CliRun.vmlab("translate", "--machine", "ia32-2level", "0x100000000");
    assertEquals(2, over32.code());
    assertTrue(over32.err().contains("not a 32-bit address"), over32.err());
  }
}
