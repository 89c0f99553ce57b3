package io.vmlab.app.script;

import io.vmlab.kernel.Task;

/** What a harness does around a fork outside any step (the conformance recorder re-touches its own pages). */
public interface ForkHooks {
  /** In the parent, right after fork() returns, inside the fork step. */
  default void parentReturned(Task parent) {}

  /** Before the child's first step. */
  void childStarted(Task child);

  /** After the child exited, before the parent's next step. */
  void parentResumed(Task parent);

  /** No hooks. */
  ForkHooks NONE = new ForkHooks() {
    @Override
    public void childStarted(Task child) {}

    @Override
    public void parentResumed(Task parent) {}
  };
}
