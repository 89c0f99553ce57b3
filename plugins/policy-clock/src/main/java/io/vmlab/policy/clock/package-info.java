/**
 * Clock (second chance) page replacement over a ring of slots in load order: {@code clock} keeps
 * its own use bits from every reference, {@code clock-pte} reads the page tables' accessed bits.
 */
package io.vmlab.policy.clock;
