package io.mintp2p.core.peers.book;

/**
 * What failed dials do to a known address: how soon it is demoted or forgotten, when its slot may
 * go to a newcomer, and how much less often it is picked (Bitcoin Core's addrman numbers). Pure functions.
 */
final class FailurePolicy {
    /** A tried address failing this many dials in a row is demoted to "new", one failure from being forgotten. */
    static final int MAX_FAILURES = 5;
    /** A new address failing this many dials in a row (it never worked since we heard of it) is forgotten. */
    static final int MAX_FAILURES_NEW = 3;
    /** How much each failed dial in a row lowers an entry's chance to be selected. */
    static final double FAILURE_CHANCE = 0.66;

    /** What one more failure does to an entry. */
    enum Outcome {
        KEEP,
        /** Out of "tried", back in "new" one failure from being forgotten. */
        DEMOTE,
        FORGET
    }

    private FailurePolicy() {
    }

    /** The entry's failures counted already, including this one. */
    static Outcome afterFailure(boolean tried, int failures) {
        if (tried && failures >= MAX_FAILURES) {
            return Outcome.DEMOTE;
        }
        if (!tried && failures >= MAX_FAILURES_NEW) {
            return Outcome.FORGET;
        }
        return Outcome.KEEP;
    }

    /** The failures an entry is left with when demoted or taken back: its next failure forgets it. */
    static int onProbation() {
        return MAX_FAILURES_NEW - 1;
    }

    /** Failing so much that a newcomer may take its slot. */
    static boolean isTerrible(int failures) {
        return failures >= MAX_FAILURES_NEW - 1;
    }

    /** The chance to take an entry on one probe: 0.66 per failure in a row (at most 8 counted). */
    static double chance(int failures) {
        return Math.pow(FAILURE_CHANCE, Math.min(failures, 8));
    }
}
