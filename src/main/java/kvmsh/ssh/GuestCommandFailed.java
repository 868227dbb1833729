package kvmsh.ssh;

import kvmsh.plan.StepFailedException;

/**
 * A {@code waitForSsh} or {@code ssh} statement failed in (or on the way into) a guest the run just
 * started: the run fails, and what it made before stays ({@link #keepsWhatRan}), so the guest can be
 * looked into instead of being destroyed unasked.
 */
public final class GuestCommandFailed extends StepFailedException {

    public GuestCommandFailed(String message) {
        super(message);
    }

    @Override
    public boolean keepsWhatRan() {
        return true;
    }
}
