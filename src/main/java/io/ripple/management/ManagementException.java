package io.ripple.management;

/**
 * A management endpoint or one of its files cannot be used; the message is one line that names
 * the file, host or port at fault.
 */
public class ManagementException extends Exception {

    public ManagementException(String message) {
        super(message);
    }

    public ManagementException(String message, Throwable cause) {
        super(message, cause);
    }
}
