package io.ripple.config;

/** Hears how far a sync's pull from the master has come; called on the thread that pulls, after each piece arrives. */
@FunctionalInterface
public interface PullProgress {

    /** Hears nothing. */
    PullProgress NONE = (bytesDone, bytesTotal) -> { };

    /**
     * @param bytesDone  bytes of this sync's missing files received so far
     * @param bytesTotal bytes of all its missing files
     */
    void pulled(long bytesDone, long bytesTotal);
}
