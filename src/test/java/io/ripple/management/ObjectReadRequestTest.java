package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code /ripple-object} takes as a read of a published file, and what it refuses before looking at any file. */
class ObjectReadRequestTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void aReadNamesAFileByItsSha256AndAPartOfIt() {
        ObjectReadRequest read = ObjectReadRequest.parse("/ripple-object/" + SHA, "offset=1048576&length=262144");

        assertThat(read).isEqualTo(new ObjectReadRequest(SHA, 1_048_576, 262_144));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/ripple-object/../jolokia",
        "/ripple-object/..%2Fjolokia",
        "/ripple-object/%2e%2e/" + SHA,
        "/ripple-object/" + SHA + "/",
        "/ripple-object//" + SHA,
        "/ripple-object/0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
        "/ripple-object/0123456789abcdef",
        "/ripple-object/" + SHA + "0",
        "/ripple-object/",
        "/ripple-object",
        "/ripple-objects/" + SHA,
        "/ripple-object/etc/passwd",
        "/ripple-object/%30123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    })
    void anythingButA64DigitLowerCaseHexDigestIsRefused(String path) {
        assertThatThrownBy(() -> ObjectReadRequest.parse(path, "offset=0&length=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a published file's SHA-256 (64 lower-case hex digits): GET /ripple-object/SHA256?offset=N&length=N");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "offset=0", "length=1", "length=1&offset=0", "offset=0&length=1&x=y", "offset=-1&length=1", "offset=+1&length=1",
        "offset=0&length=0x10", "offset=0&length=1%30", "offset=1e3&length=1", "offset=0&length=", "offset=0&&length=1",
        "offset=1234567890123456789&length=1", "offset=0&length=12345678901",
    })
    void anyOtherQueryThanOffsetAndLengthInDigitsIsRefused(String query) {
        assertThatThrownBy(() -> ObjectReadRequest.parse("/ripple-object/" + SHA, query))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected exactly ?offset=N&length=N (decimal digits): GET /ripple-object/SHA256?offset=N&length=N");
    }

    @Test
    void aMissingQueryIsRefused() {
        assertThatThrownBy(() -> ObjectReadRequest.parse("/ripple-object/" + SHA, null))
                .hasMessageStartingWith("expected exactly ?offset=N&length=N");
    }

    @Test
    void theLengthIsFromOneByteToTheMastersLimit() {
        assertThat(ObjectReadRequest.parse("/ripple-object/" + SHA, "offset=0&length=4194304").length())
                .isEqualTo(ObjectReadRequest.MAX_LENGTH);
        assertThatThrownBy(() -> ObjectReadRequest.parse("/ripple-object/" + SHA, "offset=0&length=4194305"))
                .hasMessage("length 4194305 must be from 1 to 4194304");
        assertThatThrownBy(() -> ObjectReadRequest.parse("/ripple-object/" + SHA, "offset=0&length=0"))
                .hasMessage("length 0 must be from 1 to 4194304");
        assertThatThrownBy(() -> ObjectReadRequest.parse("/ripple-object/" + SHA, "offset=0&length=9999999999"))
                .hasMessage("length 9999999999 must be from 1 to 4194304");
    }

    @Test
    void theAnswerIsTheLengthAskedExceptAtTheEndOfTheFile() {
        ObjectReadRequest read = ObjectReadRequest.parse("/ripple-object/" + SHA, "offset=100&length=50");

        assertThat(read.answerBytes(1000)).isEqualTo(50);
        assertThat(read.answerBytes(120)).isEqualTo(20);
        assertThat(read.answerBytes(100)).isZero();
    }

    @Test
    void anOffsetPastTheEndOfTheFileIsRefused() {
        ObjectReadRequest read = ObjectReadRequest.parse("/ripple-object/" + SHA, "offset=101&length=50");

        assertThatThrownBy(() -> read.answerBytes(100))
                .hasMessage("offset 101 is past the end of " + SHA + " (100 bytes)");
    }
}
