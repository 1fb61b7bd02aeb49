package io.ripple.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdFormatTest {

    @Test
    void fourDigitsPadsAsFormatDoes() {
        for (int n : new int[] {0, 7, 42, 999, 1001, 9999, 12345}) {
            assertThat(MessageId.fourDigits(n)).isEqualTo(String.format("%04d", n));
        }
    }

    @Test
    void everyIdIsPrefixNumberAndSeverity() {
        for (MessageId id : MessageId.values()) {
            assertThat(id.id()).isEqualTo(MessageId.PREFIX + String.format("%04d", id.number()) + id.severity().name());
        }
    }
}
