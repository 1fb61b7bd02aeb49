package io.ripple.node;

/**
 * A change that a host which otherwise restarts by a process restart can apply inside its process (Tomcat reloading
 * the web applications a sync touched). Ripple calls {@link #apply} where it would have restarted the process, and
 * again, after it put the files before back, when the server does not serve the new version.
 */
public interface InProcessReload {

    /** What the reload does, for the run's detail and the log ("reloaded context / on host localhost"). */
    String describe();

    /**
     * Applies what is on disk now inside the process and returns once the server serves with it.
     *
     * @throws Exception when it does not: the message says why in one line
     */
    void apply() throws Exception;
}
