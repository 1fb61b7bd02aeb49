package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedBodyTest {

    static final int LIMIT = 100;

    /** A body of {@code size} bytes that counts what was read of it. */
    static final class CountingBody extends InputStream {
        final AtomicLong read = new AtomicLong();
        private final long size;

        CountingBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return read.get() < size ? (int) (read.incrementAndGet() & 0x7f) : -1;
        }
    }

    @ParameterizedTest(name = "{0} bytes, Content-Length {1}")
    @CsvSource(nullValues = "none", textBlock = """
            0,          0,          true,  0
            100,        100,        true,  100
            100,        none,       true,  100
            101,        none,       false, 101
            10485760,   none,       false, 101
            10485760,   10485760,   false, 0
            101,        101,        false, 0
            50,         ' 50 ',     true,  50
            50,         bogus,      true,  50
            """)
    void readsAtMostOneBytePastTheBound(long size, String contentLength, boolean accepted, long bytesRead) throws Exception {
        CountingBody body = new CountingBody(size);
        assertThat(BoundedBody.read(body, contentLength, LIMIT).isPresent()).isEqualTo(accepted);
        assertThat(body.read.get()).isEqualTo(bytesRead);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'{\"type\":\"version\"}'"})
    void theBodyComesBackWhole(String json) throws Exception {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(BoundedBody.read(new ByteArrayInputStream(bytes), null, LIMIT)).hasValueSatisfying(b ->
                assertThat(b).isEqualTo(bytes));
    }
}
