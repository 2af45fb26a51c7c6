package io.mintp2p.core.node;

import java.util.concurrent.atomic.LongAdder;

/**
 * A node's read budget for each accepted peer and its count of read pauses: the same for every peer,
 * so kept once per node, by its {@link ReadBudget}.
 */
record ReadLimits(int maxMessages, long maxBytes, LongAdder pauses) {
}
