package io.mintp2p.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for options not given as flags: first the environment ({@code MINTP2P_PING_PERIOD} for
 * {@code --ping-period}), then the config file (a properties file: {@code ping-period = 30s}).
 * Together with picocli's own precedence this gives flag > env > file > built-in default.
 */
final class EnvAndFileDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;
    private final Properties file;

    EnvAndFileDefaults(Map<String, String> env, Properties file) {
        this.env = env;
        this.file = file;
    }

    static Properties load(Path config) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config)) {
            p.load(r);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(new CommandLine(new Object()),
                    "--config: cannot read " + config + ": " + e.getMessage());
        }
        return p;
    }

    static String envName(String longOption) {
        return "MINTP2P_" + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec spec) {
        if (!(spec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName();
        String fromEnv = env.get(envName(name));
        if (fromEnv != null) {
            return fromEnv;
        }
        String fromFile = file.getProperty(name.replaceFirst("^--", ""));
        return fromFile != null ? fromFile.trim() : spec.defaultValue();
    }
}
