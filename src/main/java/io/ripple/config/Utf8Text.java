package io.ripple.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that can say where the text stops being UTF-8, which the JDK's "Input length = 1" does not. */
final class Utf8Text {

    private Utf8Text() {
    }

    /**
     * The text of {@code bytes}.
     *
     * @param sourceName the file name used in the error
     * @throws ConfigException naming the file and the line of the first byte that is not UTF-8
     */
    static String decode(byte[] bytes, String sourceName) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new ConfigException("Invalid bytes at " + sourceName + ":" + lineOf(bytes, in.position())
                    + ": the file must be UTF-8 text. Save it as UTF-8.");
        }
        return out.flip().toString();
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
