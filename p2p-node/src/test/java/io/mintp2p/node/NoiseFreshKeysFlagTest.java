package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.OptionalBinder;
import io.mintp2p.transport.noise.NoiseOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NoiseFreshKeysFlagTest {

    private static Optional<NoiseOptions> noiseOptions(String... args) {
        TransportFlags flags = new TransportFlags();
        new CommandLine(flags).parseArgs(args);
        TransportFlags.Setup setup = flags.setup(IllegalArgumentException::new, v -> Duration.ofSeconds(60),
                List.of(), List.of(), List.of(), Duration.ofSeconds(7));
        List<Module> modules = new ArrayList<>(setup.bindings());
        modules.add(binder -> OptionalBinder.newOptionalBinder(binder, NoiseOptions.class)); // as NoiseTransportModule declares it
        Injector injector = Guice.createInjector(modules);
        return injector.getInstance(Key.get(new TypeLiteral<Optional<NoiseOptions>>() { }));
    }

    @Test
    void theFlagMakesEveryNoiseDialUseAFreshKeyWithTheNodesHandshakeTimeout() {
        assertThat(noiseOptions("--noise-fresh-keys")).contains(new NoiseOptions(Duration.ofSeconds(7), true));
    }

    @Test
    void withoutTheFlagTheTransportDecides() {
        // NoiseTransportModule then takes NoiseOptions.from(config, proxied): fresh keys only through a proxy
        assertThat(noiseOptions()).isEmpty();
    }
}
