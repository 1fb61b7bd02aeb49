package io.ripple.management;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of part of a published file by its SHA-256, as {@link ObjectReadHandler} takes it:
 * {@code GET /ripple-object/SHA256?offset=N&length=N}, raw path and query exactly so. No file name, no other parameter, no
 * encoding: anything else is refused with one line, before any file is looked at.
 *
 * @param sha256 the file's SHA-256, 64 lower-case hex digits
 * @param offset the first byte, from 0
 * @param length how many bytes at most, from 1 to {@link #MAX_LENGTH}
 */
record ObjectReadRequest(String sha256, long offset, int length) {

    /** The context path, a sibling of {@code /jolokia}. */
    static final String PATH = PublishedObjects.PATH;
    /** The most bytes one read answers: as {@code ConfigStore.readObjectBytes}. */
    static final int MAX_LENGTH = 4 * 1024 * 1024;
    /** What a read looks like, for refusals. */
    static final String FORM = "GET " + PATH + "/SHA256?offset=N&length=N";

    private static final Pattern TARGET = Pattern.compile(Pattern.quote(PATH) + "/([0-9a-f]{64})");
    private static final Pattern QUERY = Pattern.compile("offset=([0-9]{1,18})&length=([0-9]{1,10})");

    /**
     * The read a request's raw path and query ask for.
     *
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    static ObjectReadRequest parse(String rawPath, String rawQuery) {
        Matcher path = TARGET.matcher(rawPath == null ? "" : rawPath);
        if (!path.matches()) {
            throw new IllegalArgumentException("not a published file's SHA-256 (64 lower-case hex digits): " + FORM);
        }
        Matcher query = QUERY.matcher(rawQuery == null ? "" : rawQuery);
        if (!query.matches()) {
            throw new IllegalArgumentException("expected exactly ?offset=N&length=N (decimal digits): " + FORM);
        }
        long offset = Long.parseLong(query.group(1));
        long length = Long.parseLong(query.group(2));
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("length " + length + " must be from 1 to " + MAX_LENGTH);
        }
        return new ObjectReadRequest(path.group(1), offset, (int) length);
    }

    /**
     * How many bytes the read answers from a file of {@code size} bytes: {@link #length}, fewer only at its end.
     *
     * @throws IllegalArgumentException when the offset is past the file's end
     */
    int answerBytes(long size) {
        if (offset > size) {
            throw new IllegalArgumentException("offset " + offset + " is past the end of " + sha256 + " (" + size + " bytes)");
        }
        return (int) Math.min(length, size - offset);
    }
}
