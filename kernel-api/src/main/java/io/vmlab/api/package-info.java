/**
 * The public API of vmlab's kernel: what an architecture or policy plugin sees.
 *
 * <p>Sub-packages: {@code arch} (the architecture SPI: paging geometry, entry format, address-space
 * constants, the arch part of fault handling), {@code policy} (replacement, layout, fault-around,
 * OOM) and {@code plugin} (Guice module contributions).
 */
package io.vmlab.api;
