package org.mvdcn;

/**
 * A request that cannot be carried out as asked (an option out of range, options that contradict
 * each other, a run extended to fewer epochs than it has): the user's call to fix, not the data's.
 */
public class UsageException extends IllegalArgumentException {

    public UsageException(String message) {
        super(message);
    }
}
