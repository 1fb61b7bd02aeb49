package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Jolokia's answers to the reads of published files, decoded as they stream in, and held to what was asked. */
class ObjectAnswersTest {

    private static final String URL = "http://127.0.0.1:1/jolokia/";

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static List<byte[]> parse(String json, long max, boolean single) throws Exception {
        return ObjectAnswers.fromJolokia(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), max, single, URL, "readObject");
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void aSuccessCarriesTheDecodedBytesWhateverTheOrderOfItsFields() throws Exception {
        byte[] chunk = bytes(300_001);
        String json = "{\"request\":{\"mbean\":\"ripple:type=ConfigStore\",\"arguments\":[\"ab\",0,3],\"type\":\"exec\"},"
                + "\"value\":\"" + b64(chunk) + "\",\"timestamp\":1,\"status\":200}";

        assertThat(parse(json, ObjectAnswers.maxAnswerBytes(chunk.length), true)).singleElement().isEqualTo(chunk);
    }

    @Test
    void aBatchCarriesEachFileInOrder() throws Exception {
        byte[] a = bytes(10);
        byte[] b = bytes(0);
        byte[] c = bytes(1000);
        String json = "{\"status\":200,\"value\":[\"" + b64(a) + "\",\"" + b64(b) + "\",\"" + b64(c) + "\"]}";

        List<byte[]> files = parse(json, 100_000, false);

        assertThat(files).hasSize(3);
        assertThat(files.get(0)).isEqualTo(a);
        assertThat(files.get(1)).isEmpty();
        assertThat(files.get(2)).isEqualTo(c);
    }

    @Test
    void anErrorAnUnexpectedShapeOrBrokenJsonIsLeftToTheOrdinaryPath() throws Exception {
        assertThat(parse("{\"status\":400,\"error_type\":\"java.lang.IllegalArgumentException\",\"error\":\"no\"}", 10_000, true)).isNull();
        assertThat(parse("{\"status\":200,\"value\":null}", 10_000, true)).isNull();
        assertThat(parse("{\"status\":200,\"value\":{\"a\":1}}", 10_000, true)).isNull();
        assertThat(parse("{\"status\":200,\"value\":[\"AAAA\",1]}", 10_000, false)).isNull();
        assertThat(parse("[1,2]", 10_000, true)).isNull();
        assertThat(parse("{\"status\":200,\"value\":\"AAA", 10_000, true)).isNull();
        assertThat(parse("{\"status\":200,\"value\":\"not base64!\"}", 10_000, true)).isNull();
    }

    @Test
    void anAnswerLongerThanWhatWasAskedCanBeIsRefused() {
        byte[] asked = bytes(1000);
        byte[] sent = bytes(1000 + 2 * (int) ObjectAnswers.ENVELOPE_BYTES);
        String json = "{\"status\":200,\"value\":\"" + b64(sent) + "\"}";

        assertThatThrownBy(() -> parse(json, ObjectAnswers.maxAnswerBytes(asked.length), true))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("the answer of ConfigStore readObject is longer than " + ObjectAnswers.maxAnswerBytes(asked.length)
                        + " bytes, more than what was asked can be; refused");
    }

    @Test
    void base64TextIsDecodedAndAnythingElseIsARemoteError() {
        assertThat(ObjectAnswers.decode(b64(new byte[] {1, 2, 3}), URL, "readObject")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> ObjectAnswers.decode("%%%", URL, "readObject")).isInstanceOf(RemoteException.class)
                .hasMessageContaining("the answer of ConfigStore readObject is not base64");
        assertThatThrownBy(() -> ObjectAnswers.decode(null, URL, "readObject")).isInstanceOf(RemoteException.class)
                .hasMessageContaining("ConfigStore readObject returned no value");
    }
}
