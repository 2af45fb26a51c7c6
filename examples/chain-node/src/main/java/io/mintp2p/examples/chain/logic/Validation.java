package io.mintp2p.examples.chain.logic;

import java.util.Optional;

/** The header rules, given its parent. Stateless. */
final class Validation {
    private Validation() {
    }

    static Optional<Invalid> check(Header h, Header parent) {
        if (h.height() != parent.height() + 1) {
            return Optional.of(Invalid.BAD_HEIGHT);
        }
        if (h.work() < Chain.MIN_WORK || h.work() > Chain.MAX_WORK) {
            return Optional.of(Invalid.WORK_OUT_OF_RANGE);
        }
        if (!h.provesWork()) {
            return Optional.of(Invalid.BAD_WORK);
        }
        return Optional.empty();
    }
}
