package io.ripple.agent.tomcat;

import io.ripple.node.InProcessReload;
import io.ripple.node.ProcessRestart;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@code restart=tomcat}: a change that touches only web application files (in a host's appBase) or
 * context files (conf/ENGINE/HOST/NAME.xml) reloads just those applications through Tomcat's own MBeans, in this
 * process; any other change (server.xml, tomcat-users.xml, a .war, Ripple's own server.conf) restarts the process, as
 * without it.
 */
public final class TomcatRestart implements ProcessRestart {

    private static final Logger log = LoggerFactory.getLogger(TomcatRestart.class);
    /** The system property catalina.sh sets to CATALINA_BASE. */
    static final String CATALINA_BASE = "catalina.base";

    private final ProcessRestart processRestart;
    private final MBeanServer server;
    private final String catalinaBase;

    /**
     * @param processRestart the process restart for every other change
     * @param server         the MBeanServer Tomcat registers its MBeans in (the platform one)
     */
    public TomcatRestart(ProcessRestart processRestart, MBeanServer server) {
        this(processRestart, server, System.getProperty(CATALINA_BASE));
    }

    TomcatRestart(ProcessRestart processRestart, MBeanServer server, String catalinaBase) {
        this.processRestart = processRestart;
        this.server = server;
        this.catalinaBase = catalinaBase;
    }

    @Override
    public void exit(String reason) {
        processRestart.exit(reason);
    }

    @Override
    public Optional<InProcessReload> inProcess(List<String> files, Path confDir) {
        if (catalinaBase == null) {
            log.warn("restart=tomcat, but this JVM has no {} system property (is it a Tomcat started by catalina.sh?):"
                    + " restarting the process", CATALINA_BASE);
            return Optional.empty();
        }
        TomcatContexts contexts = new TomcatContexts(server, Path.of(catalinaBase).toAbsolutePath().normalize());
        List<TomcatHost> hosts;
        try {
            hosts = contexts.hosts();
        } catch (JMException e) {
            log.warn("Cannot read Tomcat's hosts from its MBeans ({}): restarting the process", e.getMessage());
            return Optional.empty();
        }
        if (hosts.isEmpty()) {
            log.warn("restart=tomcat, but no Tomcat host MBean (Catalina:type=Host,host=...) is registered: restarting the process");
            return Optional.empty();
        }
        List<Path> absolute = files.stream().map(f -> confDir.resolve(f).toAbsolutePath().normalize()).toList();
        ReloadPlanner.Plan plan = ReloadPlanner.plan(absolute, hosts);
        if (!plan.inProcess()) {
            log.info("The change needs a process restart: {}", plan.processRestart());
            return Optional.empty();
        }
        return Optional.of(new ContextReload(contexts, hosts, plan.contexts()));
    }

    /** Reloads, or redeploys, each application the change touched, in turn; the first that does not start fails it. */
    private record ContextReload(TomcatContexts contexts, List<TomcatHost> hosts, List<ContextTarget> targets)
            implements InProcessReload {

        @Override
        public String describe() {
            return "Tomcat reloaded " + (targets.size() == 1 ? "context " : "contexts ")
                    + targets.stream().map(t -> (t.redeploy() ? "(redeployed) " : "") + t.describe()).collect(Collectors.joining(", "))
                    + " in-process";
        }

        @Override
        public void apply() throws ContextReloadException, InterruptedException {
            for (ContextTarget target : targets) {
                TomcatHost host = hosts.stream().filter(h -> h.name().equals(target.host())).findFirst().orElseThrow();
                long start = System.nanoTime();
                contexts.apply(target, host);
                log.info("Context {} {} in {} ms", target.describe(), target.redeploy() ? "redeployed" : "reloaded",
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
