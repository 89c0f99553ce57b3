package io.vmlab.app.inspect;

/**
 * An address's index at one level.
 *
 * @param level Linux's name of the level
 * @param folded whether the level is folded (no table, no index)
 * @param index the index, or null when folded
 * @param shift the lowest address bit of the index
 * @param bits the index width
 */
public record LevelIndex(String level, boolean folded, Integer index, int shift, int bits) {}
