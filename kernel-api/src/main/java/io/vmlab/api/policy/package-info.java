/**
 * Policy SPIs, each an extension point found by name from YAML: {@link
 * io.vmlab.api.policy.ReplacementPolicy} (which page reclaim takes), {@link
 * io.vmlab.api.policy.LayoutPolicy} (mmap base and randomization), {@link
 * io.vmlab.api.policy.FaultAroundPolicy} (which neighbours a file read fault maps) and {@link
 * io.vmlab.api.policy.OomPolicy} (whom the OOM killer picks).
 */
package io.vmlab.api.policy;
