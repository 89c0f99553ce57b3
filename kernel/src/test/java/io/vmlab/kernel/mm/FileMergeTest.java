package io.vmlab.kernel.mm;

import static io.vmlab.kernel.TestProcess.PAGE;
import static io.vmlab.kernel.TestProcess.R;
import static io.vmlab.kernel.TestProcess.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** File mappings merge only with the same open file at contiguous offsets (vm_pgoff). */
class FileMergeTest {
  private static final long A = 0x100000000L;
  private static final int PRIVATE_FIXED = Mman.MAP_PRIVATE | Mman.MAP_FIXED;

  private TestProcess p;
  private OpenFile data;

  @BeforeEach
  void boot() {
    p = TestProcess.on(Mode.X86_64_4LEVEL);
    data = open("/data/a", 12);
  }

  private OpenFile open(String path, long ino) {
    Inode inode = p.kernel.createCachedFile(path, 8, 1, ino, 16 * PAGE, 0x61, false);
    return new OpenFile(inode, true, false);
  }

  private static long at(int page) {
    return A + page * PAGE;
  }

  private long map(int page, int pages, OpenFile f, int filePage) {
    return p.mmap(at(page), pages * PAGE, R, PRIVATE_FIXED, f, filePage * PAGE);
  }

  @Test
  void contiguousOffsetsOfTheSameOpenFileMerge() {
    assertEquals(at(0), map(0, 2, data, 0));
    assertEquals(at(2), map(2, 2, data, 2));
    assertEquals(List.of(range(at(0), at(4), "r--p")), p.ranges(A, at(16)));
    assertEquals(0, p.vma(at(3)).pgoff());
    assertEquals(0x61, p.read(at(3)));
  }

  @Test
  void nonContiguousOffsetsDoNotMerge() {
    map(0, 2, data, 0);
    map(2, 2, data, 3);
    assertEquals(List.of(range(at(0), at(2), "r--p"), range(at(2), at(4), "r--p")), p.ranges(A, at(16)));
    assertEquals(3, p.vma(at(2)).pgoff());
  }

  @Test
  void sameOffsetsBackwardsDoNotMerge() {
    map(2, 2, data, 0);
    map(0, 2, data, 2);
    assertEquals(2, p.ranges(A, at(16)).size());
  }

  @Test
  void mappingBeforeTheNextAtTheRightOffsetMerges() {
    map(2, 2, data, 4);
    map(0, 2, data, 2);
    assertEquals(List.of(range(at(0), at(4), "r--p")), p.ranges(A, at(16)));
    assertEquals(2, p.vma(at(0)).pgoff());
  }

  @Test
  void differentFilesDoNotMerge() {
    OpenFile other = open("/data/b", 13);
    map(0, 2, data, 0);
    map(2, 2, other, 2);
    assertEquals(2, p.ranges(A, at(16)).size());
  }

  @Test
  void anotherOpenFileOfTheSameInodeDoesNotMerge() {
    OpenFile again = new OpenFile(data.inode(), true, false);
    map(0, 2, data, 0);
    map(2, 2, again, 2);
    assertEquals(2, p.ranges(A, at(16)).size());
  }

  @Test
  void fileAndAnonymousMemoryDoNotMerge() {
    map(0, 2, data, 0);
    p.fixed(at(2), 2, R);
    assertEquals(2, p.ranges(A, at(16)).size());
  }

  @Test
  void mprotectSplitOfAFileMappingKeepsOffsetsAndMergesBack() {
    map(0, 4, data, 1);
    assertEquals(0, p.mprotect(at(1), 2 * PAGE, Mman.PROT_NONE));
    assertEquals(List.of(1L, 2L, 4L), List.of(p.vma(at(0)).pgoff(), p.vma(at(1)).pgoff(), p.vma(at(3)).pgoff()));
    assertEquals(0, p.mprotect(at(1), 2 * PAGE, R));
    assertEquals(List.of(range(at(0), at(4), "r--p")), p.ranges(A, at(16)));
  }
}
