package io.mintp2p.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminTokenTest {
    @Test
    void randomTokensAreLongUrlSafeAndDifferent() {
        Set<String> tokens = IntStream.range(0, 100).mapToObj(i -> AdminToken.random().value()).collect(Collectors.toSet());
        assertThat(tokens).hasSize(100).allSatisfy(t -> assertThat(t).matches("[A-Za-z0-9_-]{43}")); // 256 bits
    }

    @Test
    void onlyTheBearerHeaderWithTheExactTokenIsAccepted() {
        AdminToken token = AdminToken.of("correct-horse-battery-staple");
        assertThat(token.acceptsHeader(Optional.of("Bearer correct-horse-battery-staple"))).isTrue();
        assertThat(token.acceptsHeader(Optional.of("bearer  correct-horse-battery-staple "))).isTrue();
        assertThat(token.acceptsHeader(Optional.of(token.headerValue()))).isTrue();
        assertThat(token.acceptsHeader(Optional.empty())).isFalse();
        assertThat(token.acceptsHeader(Optional.of("correct-horse-battery-staple"))).isFalse();
        assertThat(token.acceptsHeader(Optional.of("Bearer correct-horse-battery-stapl"))).isFalse();
        assertThat(token.acceptsHeader(Optional.of("Bearer correct-horse-battery-staple2"))).isFalse();
        assertThat(token.acceptsHeader(Optional.of("Basic correct-horse-battery-staple"))).isFalse();
        assertThat(token.acceptsHeader(Optional.of("Bearer "))).isFalse();
    }

    @Test
    void aFileTokenLosesItsLastNewlineAndIsNeverPrinted() {
        AdminToken token = AdminToken.of("  0123456789abcdef\n");
        assertThat(token.value()).isEqualTo("0123456789abcdef");
        assertThat(token.toString()).doesNotContain("0123456789abcdef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " \n", "fifteen-chars-x", "has a space in it, 16+", "tab\tinside-the-token", "caf\u00e9-au-lait-token",
        "bell\u0007-in-the-token-x"})
    void badTokensAreRefused(String text) {
        assertThatThrownBy(() -> AdminToken.of(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTooLongTokenIsRefused() {
        assertThat(AdminToken.of("x".repeat(AdminToken.MAX_LENGTH)).value()).hasSize(AdminToken.MAX_LENGTH);
        assertThatThrownBy(() -> AdminToken.of("x".repeat(AdminToken.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
