package io.mintp2p.attack;

/** One clear line per test on stdout, for the lead to quote. */
public final class Report {
    private Report() {
    }

    public static void line(String test, String... parts) {
        System.out.println("ATTACK " + test + " | " + String.join(" | ", parts));
        System.out.flush();
    }
}
