package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void plainTextIsKept() {
        assertThat(SafeText.of("replica-1")).isEqualTo("replica-1");
        assertThat(SafeText.of("a\\nb")).isEqualTo("a\\nb");
        assertThat(SafeText.of(null)).isEqualTo("null");
    }

    @Test
    void controlCharactersAreEscapedSoNoLineCanBeForged() {
        assertThat(SafeText.of("7\n2026-11-30 INFO Audit - forged\r\t\u001b[2J\u0000\u0085\u2028"))
                .isEqualTo("7\\n2026-11-30 INFO Audit - forged\\r\\t\\u001b[2J\\u0000\\u0085\\u2028");
    }

    @Test
    void longTextIsCutAndSaysHowLongItWas() {
        assertThat(SafeText.of("x".repeat(81))).isEqualTo("x".repeat(80) + "…(81 chars)");
        assertThat(SafeText.of("x".repeat(80))).isEqualTo("x".repeat(80));
        assertThat(SafeText.of("ab\ncd", 3)).isEqualTo("ab\\n…(5 chars)");
    }

    @Test
    void safeTextStaysTheSame() {
        String once = SafeText.of("a\nb\u001bc");
        assertThat(SafeText.of(once)).isEqualTo(once);
    }
}
