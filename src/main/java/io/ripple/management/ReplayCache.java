package io.ripple.management;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * The nonces of signed requests ({@link RequestMac}) seen while their time stamps are still acceptable, so that each is
 * accepted once. Bounded: when it is full of nonces still in their window, a new one is refused rather than an old one
 * forgotten (only callers holding the cluster's key can add nonces at all).
 */
final class ReplayCache {

    /** Far more signed requests than a cluster sends in {@link RequestMac#MAX_SKEW} twice over. */
    static final int DEFAULT_LIMIT = 100_000;

    private final int limit;
    // a quiet server does not keep the nonces of a busy hour
    private static final int PURGE_EVERY = 1024;
    private final Map<String, Long> expiries = new HashMap<>();
    private int sincePurge;

    ReplayCache(int limit) {
        this.limit = limit;
    }

    /** The outcome of {@link #firstUse}. */
    enum Use { FIRST, REPLAY, FULL }

    /**
     * Records {@code nonce} until {@code expiresAtMillis} (after which its time stamp is refused anyway), and says
     * whether it is new.
     */
    synchronized Use firstUse(byte[] nonce, long expiresAtMillis, long nowMillis) {
        String key = HexFormat.of().formatHex(nonce);
        Long expiry = expiries.get(key);
        if (expiry != null && expiry >= nowMillis) {
            return Use.REPLAY;
        }
        if (expiries.size() >= limit || ++sincePurge >= PURGE_EVERY) {
            sincePurge = 0;
            forgetExpired(nowMillis);
            if (expiries.size() >= limit) {
                return Use.FULL;
            }
        }
        expiries.put(key, expiresAtMillis);
        return Use.FIRST;
    }

    private void forgetExpired(long nowMillis) {
        for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
            if (it.next() < nowMillis) {
                it.remove();
            }
        }
    }

    synchronized int size() {
        return expiries.size();
    }
}
