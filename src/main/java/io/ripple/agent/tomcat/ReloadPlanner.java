package io.ripple.agent.tomcat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which way a change reaches a running Tomcat: the web applications it touches reloaded in-process, when every file
 * is inside an exploded application under a host's appBase or is a context file of a host; otherwise a process restart
 * (server.xml, tomcat-users.xml, a .war, a file directly in appBase, anything else).
 */
final class ReloadPlanner {

    private static final String CONTEXT_FILE_SUFFIX = ".xml";

    private ReloadPlanner() {
    }

    /**
     * What to do for one change.
     *
     * @param contexts       the applications to reload or redeploy, in the order first touched; empty with a reason
     * @param processRestart why the process must restart, or null when the contexts cover the change
     */
    record Plan(List<ContextTarget> contexts, String processRestart) {

        static Plan restart(String why) {
            return new Plan(List.of(), why);
        }

        boolean inProcess() {
            return processRestart == null;
        }
    }

    /**
     * @param files absolute, normalized paths of what a sync changed, added or removed
     * @param hosts Tomcat's hosts
     */
    static Plan plan(List<Path> files, List<TomcatHost> hosts) {
        if (files.isEmpty()) {
            return Plan.restart("no file changed");
        }
        Map<String, ContextTarget> contexts = new LinkedHashMap<>();
        for (Path file : files) {
            Optional<ContextTarget> target = contextOf(file, hosts);
            if (target.isEmpty()) {
                return Plan.restart(file + " is neither a file of an exploded web application in a host's appBase nor a"
                        + " host's context file");
            }
            ContextTarget t = target.get();
            contexts.merge(t.host() + "\n" + t.baseName(), t,
                    (a, b) -> new ContextTarget(a.host(), a.baseName(), a.redeploy() || b.redeploy()));
        }
        return new Plan(new ArrayList<>(contexts.values()), null);
    }

    private static Optional<ContextTarget> contextOf(Path file, List<TomcatHost> hosts) {
        for (TomcatHost host : hosts) {
            if (file.startsWith(host.appBase()) && !file.equals(host.appBase())) {
                Path inside = host.appBase().relativize(file);
                if (inside.getNameCount() < 2) {
                    return Optional.empty(); // a .war or a file beside the applications: Tomcat's deployer's business
                }
                boolean contextXml = inside.getNameCount() == 3 && inside.getName(1).toString().equals("META-INF")
                        && inside.getName(2).toString().equals("context.xml");
                return Optional.of(new ContextTarget(host.name(), inside.getName(0).toString(), contextXml));
            }
            if (file.getParent() != null && file.getParent().equals(host.configBase())) {
                String name = file.getFileName().toString();
                if (name.endsWith(CONTEXT_FILE_SUFFIX) && name.length() > CONTEXT_FILE_SUFFIX.length()) {
                    return Optional.of(new ContextTarget(host.name(), name.substring(0, name.length() - CONTEXT_FILE_SUFFIX.length()), true));
                }
            }
        }
        return Optional.empty();
    }
}
