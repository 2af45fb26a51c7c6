package io.mintp2p.bench.report;

import java.util.Locale;

/** JSON string literals for the bench's result files (no JSON library: the files are flat and few). */
public final class JsonText {
    private JsonText() {
    }

    /**
     * The JSON string literal of {@code s}: quoted, with quotes, backslashes and control characters escaped.
     * Any thread; does not block.
     *
     * @param s the text
     * @return {@code s} as a JSON string literal
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
