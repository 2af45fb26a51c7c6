package io.mintp2p.core.wire;

/**
 * Software version on the wire: u8 major, u8 minor, u16 patch (WIRE.md 5.1).
 *
 * @param major 0 to 255
 * @param minor 0 to 255
 * @param patch 0 to 65535
 */
public record SemVer(int major, int minor, int patch) {
    /**
     * Checks the ranges of the wire.
     *
     * @param major 0 to 255
     * @param minor 0 to 255
     * @param patch 0 to 65535
     * @throws IllegalArgumentException if a part is out of its range
     */
    public SemVer {
        if (major < 0 || major > 0xFF || minor < 0 || minor > 0xFF || patch < 0 || patch > 0xFFFF) {
            throw new IllegalArgumentException("semver out of range: " + major + "." + minor + "." + patch);
        }
    }

    /**
     * Parses "1.4.0" (a suffix such as "-SNAPSHOT" is ignored).
     *
     * @param text MAJOR.MINOR.PATCH, with an optional suffix
     * @return the version
     * @throws IllegalArgumentException if it has not three parts, or one is out of range
     */
    public static SemVer parse(String text) {
        String core = text.split("[-+]", 2)[0];
        String[] parts = core.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected MAJOR.MINOR.PATCH, got: " + text);
        }
        return new SemVer(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
