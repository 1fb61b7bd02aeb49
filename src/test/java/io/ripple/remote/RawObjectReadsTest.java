package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A raw answer to a read of a published file is held to what was asked, whatever its headers say. */
class RawObjectReadsTest {

    private static final String URL = "http://127.0.0.1:1/jolokia/";

    private static ByteArrayInputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    @Test
    void anAnswerOfWhatWasAskedOrLessIsTaken() throws IOException {
        assertThat(RawObjectReads.body(bytes(10), OptionalLong.of(10), 10, URL)).hasSize(10);
        assertThat(RawObjectReads.body(bytes(3), OptionalLong.of(3), 10, URL)).hasSize(3);
        assertThat(RawObjectReads.body(bytes(0), OptionalLong.empty(), 10, URL)).isEmpty();
    }

    @Test
    void anAnswerThatAnnouncesMoreThanWasAskedIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> RawObjectReads.body(bytes(11), OptionalLong.of(11), 10, URL))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("the answer to a read of 10 bytes of a published file is 11 bytes or more, longer than what was asked; refused");
    }

    @Test
    void anAnswerLongerThanAskedWithoutALengthIsRefused() {
        assertThatThrownBy(() -> RawObjectReads.body(bytes(1_000_000), OptionalLong.empty(), 10, URL))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("longer than what was asked; refused");
    }

    @Test
    void anAnswerShorterThanItsLengthIsABrokenConnection() {
        assertThatThrownBy(() -> RawObjectReads.body(bytes(5), OptionalLong.of(8), 10, URL))
                .isInstanceOf(IOException.class)
                .hasMessage("the answer ended after 5 of its 8 bytes");
    }
}
