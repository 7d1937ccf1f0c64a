package dev.colorize.platform.storage;

/**
 * The object store failed. {@link #isTransient()} tells a caller whether a retry can help (the store
 * unreachable or overloaded) or not (access denied, no such object).
 */
public class ObjectStoreException extends RuntimeException {

    private final boolean transientFault;

    public ObjectStoreException(String message, boolean transientFault, Throwable cause) {
        super(message, cause);
        this.transientFault = transientFault;
    }

    public boolean isTransient() {
        return transientFault;
    }
}
