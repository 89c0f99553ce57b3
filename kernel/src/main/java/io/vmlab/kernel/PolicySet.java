package io.vmlab.kernel;

import io.vmlab.api.policy.FaultAroundPolicy;
import io.vmlab.api.policy.LayoutPolicy;
import io.vmlab.api.policy.OomPolicy;
import io.vmlab.api.policy.ReplacementPolicy;

/** The policies a machine runs with, resolved by name from the loaded plugins. */
public record PolicySet(
    ReplacementPolicy replacement, LayoutPolicy layout, FaultAroundPolicy faultAround, OomPolicy oom) {}
