package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.backend.Backend;
import org.junit.jupiter.api.Test;

/** Which storages a closing scope releases, with a fake off-heap storage that records its release. */
class MemoryScopeTest {

  /** Joins the open scope as a device storage does, and counts releases. */
  static final class OffHeapStorage extends Storage {
    int releases;

    OffHeapStorage() {
      super(DType.FLOAT32, 4);
      joinMemoryScope();
    }

    @Override
    public Device device() {
      return Device.cuda(0);
    }

    @Override
    public Backend backend() {
      return null;
    }

    @Override
    protected void release() {
      releases++;
    }
  }

  @Test
  void closingReleasesTheStoragesMadeInsideAndNotTheOnesMadeBefore() {
    OffHeapStorage before = new OffHeapStorage();
    OffHeapStorage inside;
    try (MemoryScope scope = MemoryScope.open()) {
      inside = new OffHeapStorage();
      assertEquals(1, scope.size());
    }
    assertEquals(1, inside.releases);
    assertEquals(0, before.releases);
  }

  @Test
  void persistentStoragesSurviveTheScope() {
    OffHeapStorage kept;
    OffHeapStorage temp;
    MemoryScope scope = MemoryScope.open();
    kept = new OffHeapStorage();
    temp = new OffHeapStorage();
    kept.persist();
    scope.close();
    assertEquals(0, kept.releases);
    assertEquals(1, temp.releases);
    assertEquals(1, scope.released());
  }

  @Test
  void aStorageJoinsOnlyTheInnermostScope() {
    OffHeapStorage outerOnly;
    OffHeapStorage innerOnly;
    try (MemoryScope outer = MemoryScope.open()) {
      outerOnly = new OffHeapStorage();
      try (MemoryScope inner = MemoryScope.open()) {
        innerOnly = new OffHeapStorage();
      }
      assertEquals(1, innerOnly.releases);
      assertEquals(0, outerOnly.releases);
      assertEquals(1, outer.size());
    }
    assertEquals(1, outerOnly.releases);
    assertEquals(1, innerOnly.releases, "released once, by the inner scope only");
  }

  @Test
  void closingAnOuterScopeWhileAnInnerOneIsOpenIsRefused() {
    MemoryScope outer = MemoryScope.open();
    MemoryScope inner = MemoryScope.open();
    IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
    assertTrue(e.getMessage().contains("still open"), e.getMessage());
    inner.close();
    outer.close();
  }

  @Test
  void closingOnAnotherThreadIsRefused() throws Exception {
    MemoryScope scope = MemoryScope.open();
    Throwable[] seen = new Throwable[1];
    Thread t = new Thread(() -> {
      try {
        scope.close();
      } catch (Throwable e) {
        seen[0] = e;
      }
    });
    t.start();
    t.join();
    assertTrue(seen[0] instanceof IllegalStateException, String.valueOf(seen[0]));
    scope.close();
  }

  @Test
  void heapStoragesNeverJoinAScope() {
    try (MemoryScope scope = MemoryScope.open()) {
      Tensor t = Tensor.ones(DType.FLOAT32, 3, 3).add(1.0);
      assertEquals(0, scope.size());
      assertEquals(2.0, t.select(0, 0).select(0, 0).item());
    }
  }

  @Test
  void storagesMadeOnAnotherThreadDoNotJoin() throws Exception {
    try (MemoryScope scope = MemoryScope.open()) {
      OffHeapStorage[] made = new OffHeapStorage[1];
      Thread t = new Thread(() -> made[0] = new OffHeapStorage());
      t.start();
      t.join();
      assertEquals(0, scope.size());
      assertFalse(made[0].persistent());
    }
  }

  @Test
  void aGradientIsMarkedPersistentWhereItIsStored() {
    Tensor w = Tensor.zeros(DType.FLOAT32, Device.CPU, 2);
    Tensor g = Tensor.ones(DType.FLOAT32, 2);
    assertFalse(g.storage().persistent());
    w.setGrad(g);
    assertTrue(g.storage().persistent());
    assertTrue(MemoryScope.keep(Tensor.ones(DType.FLOAT32, 1)).storage().persistent());
  }
}
