package io.ripple.remote;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ripple.util.JsonMappers;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The master's answers to the reads of published files ({@code ConfigStore.readObject} and {@code readObjects}):
 * base64 text decoded, and over Jolokia the JSON answer read as it streams in, its base64 decoded straight from the
 * parser's buffer: Jolokia's own client builds the whole answer as text, one character at a time, which cost a pull
 * more time than the network did.
 */
final class ObjectAnswers {

    /** The JSON around the value: the request echoed, the status, a timestamp. */
    static final long ENVELOPE_BYTES = 64 * 1024;
    /** The most bytes {@code readObjects} answers with on the master, before base64. */
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

    private ObjectAnswers() {
    }

    /** Base64 text as bytes. @throws RemoteException REMOTE_ERROR when it is missing or not base64 */
    static byte[] decode(String base64, String url, String operation) {
        if (base64 == null) {
            throw RemoteFailures.remoteError(url, "ConfigStore " + operation + " returned no value", null);
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw RemoteFailures.remoteError(url, "the answer of ConfigStore " + operation + " is not base64: " + e.getMessage(), e);
        }
    }

    /** The longest JSON answer that can carry {@code bytes} of files. */
    static long maxAnswerBytes(long bytes) {
        return (bytes + 2) / 3 * 4 + ENVELOPE_BYTES;
    }

    /**
     * The value of a Jolokia answer that carries one base64 string ({@code single}) or a list of them, decoded; null
     * when the answer is anything but a success with such a value (an error, an unexpected shape, broken JSON), so that
     * the caller asks again the ordinary way and reports that answer's error as it always does.
     *
     * @throws IOException when the connection fails while the answer streams in
     * @throws RemoteException REMOTE_ERROR when the answer is longer than {@code maxBytes}
     */
    static List<byte[]> fromJolokia(InputStream body, long maxBytes, boolean single, String url, String operation) throws IOException {
        InputStream bounded = new Bounded(body, maxBytes, url, operation);
        List<byte[]> values = null;
        int status = 0;
        try (JsonParser parser = JsonMappers.answers().getFactory().createParser(bounded)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals("status") && token == JsonToken.VALUE_NUMBER_INT) {
                    status = parser.getIntValue();
                } else if (field.equals("value") && single && token == JsonToken.VALUE_STRING) {
                    values = List.of(parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS));
                } else if (field.equals("value") && !single && token == JsonToken.START_ARRAY) {
                    values = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        values.add(parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS));
                    }
                    if (parser.currentToken() != JsonToken.END_ARRAY) {
                        return null;
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // asked again the ordinary way, whose error says what was wrong
        } catch (IllegalArgumentException e) {
            return null;
        }
        return status == 200 ? values : null;
    }

    /** An answer body that fails once it is longer than a read of what was asked can be. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private final String url;
        private final String operation;
        private long read;

        Bounded(InputStream in, long max, String url, String operation) {
            super(in);
            this.max = max;
            this.url = url;
            this.operation = operation;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw RemoteFailures.remoteError(url, "the answer of ConfigStore " + operation + " is longer than " + max
                        + " bytes, more than what was asked can be; refused", null);
            }
        }
    }
}
