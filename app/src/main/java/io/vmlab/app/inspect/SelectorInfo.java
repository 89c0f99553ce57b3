package io.vmlab.app.inspect;

/**
 * A selector decoded.
 *
 * @param value the selector in hex
 * @param index bits 15..3
 * @param table {@code GDT} or {@code LDT} (bit 2, TI)
 * @param rpl bits 1..0
 * @param name the segment.h macro it equals ({@code __USER_CS}), or null
 * @param loaded whether the translation loaded it into the register (false: the register's current one)
 */
public record SelectorInfo(String value, int index, String table, int rpl, String name, boolean loaded) {}
