package io.ripple.management;

/**
 * Runs before every operation of an MBean that {@link MBeanRegistry} registered, on the caller's thread (where
 * {@link Caller#current()} and {@link ClusterClaim#current()} are known), and refuses it by throwing.
 */
@FunctionalInterface
public interface OperationGuard {

    /** Lets everything through. */
    OperationGuard NONE = operation -> { };

    /**
     * @param operation the operation's name
     * @throws RuntimeException with the one line the caller sees, to refuse it
     */
    void check(String operation);
}
