package io.bourse.marketdata.core;

/**
 * What applying a book update did.
 *
 * @param sequenceCheck how its sequence related to the previous one
 * @param applied whether its levels were applied (false only for stale updates)
 * @param topOfBookChanged whether the best bid or best ask price changed
 */
public record DepthResult(SequenceCheck sequenceCheck, boolean applied, boolean topOfBookChanged) {
}
