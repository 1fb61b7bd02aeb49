package io.ripple.agent.tomcat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.RuntimeOperationsException;

/**
 * Tomcat's own MBeans on the MBeanServer it registers them in: its hosts ({@code ENGINE:type=Host,host=H}), their
 * deployers ({@code ENGINE:type=Deployer,host=H}) and web applications
 * ({@code ENGINE:j2eeType=WebModule,name=//H/CONTEXT,J2EEApplication=none,J2EEServer=none}).
 */
final class TomcatContexts {

    /** The web application state Tomcat shows when it serves. */
    static final String STARTED = "STARTED";
    /** How long a redeploy waits for Tomcat's own deployer (autoDeploy) to let go of an application. */
    static final long SERVICED_WAIT_MILLIS = 10_000;
    private static final long SERVICED_RETRY_MILLIS = 50;
    private static final String[] NAME_SIGNATURE = {String.class.getName()};

    private final MBeanServer server;
    private final Path catalinaBase;

    TomcatContexts(MBeanServer server, Path catalinaBase) {
        this.server = server;
        this.catalinaBase = catalinaBase;
    }

    /** Tomcat's hosts, with their appBase and context-file folder; empty when this JVM runs no Tomcat (yet). */
    List<TomcatHost> hosts() throws JMException {
        List<TomcatHost> hosts = new ArrayList<>();
        for (ObjectName name : server.queryNames(new ObjectName("*:type=Host,*"), null)) {
            String host = name.getKeyProperty("host");
            if (host == null) {
                continue;
            }
            String engine = engineName(name.getDomain());
            Path appBase = catalinaBase.resolve(String.valueOf(server.getAttribute(name, "appBase"))).normalize();
            Object xmlBase = server.getAttribute(name, "xmlBase");
            Path configBase = xmlBase == null
                    ? catalinaBase.resolve("conf").resolve(engine).resolve(host).normalize()
                    : catalinaBase.resolve(xmlBase.toString()).normalize();
            hosts.add(new TomcatHost(host, appBase, configBase));
        }
        return hosts;
    }

    private String engineName(String domain) {
        try {
            Object name = server.getAttribute(new ObjectName(domain + ":type=Engine"), "name");
            return name == null ? domain : name.toString();
        } catch (JMException e) {
            return domain;
        }
    }

    /**
     * Reloads the application (a new class loader, web.xml read again, the resource cache dropped), or redeploys it
     * when its context configuration changed, or it is not deployed or not started; then checks that it serves.
     *
     * @throws ContextReloadException the application is not STARTED afterwards, or Tomcat refused
     */
    void apply(ContextTarget target, TomcatHost host) throws ContextReloadException, InterruptedException {
        String domain;
        try {
            domain = domainOf(target.host());
            ObjectName module = webModule(domain, target);
            // A context whose start failed keeps its resources (and their cache of the files before) started:
            // only a new deployment serves what is on disk now.
            if (target.redeploy() || module == null || !STARTED.equals(server.getAttribute(module, "stateName"))) {
                redeploy(domain, target);
            } else {
                server.invoke(module, "reload", null, null);
            }
        } catch (MBeanException | RuntimeMBeanException | RuntimeOperationsException e) {
            throw new ContextReloadException("Tomcat refused to reload context " + target.describe() + ": " + rootMessage(e), e);
        } catch (JMException e) {
            throw new ContextReloadException("Cannot reload context " + target.describe() + " through Tomcat's MBeans: "
                    + rootMessage(e), e);
        }
        checkServing(domain, target, host);
    }

    private void checkServing(String domain, ContextTarget target, TomcatHost host) throws ContextReloadException {
        boolean present = Files.exists(host.appBase().resolve(target.baseName()))
                || Files.exists(host.appBase().resolve(target.baseName() + ".war"))
                || Files.exists(host.configBase().resolve(target.baseName() + ".xml"));
        if (!present) {
            return; // the change removed the application: nothing is to serve it
        }
        String state;
        try {
            ObjectName module = webModule(domain, target);
            state = module == null ? "not deployed" : String.valueOf(server.getAttribute(module, "stateName"));
        } catch (JMException e) {
            state = "unknown (" + rootMessage(e) + ")";
        }
        if (!STARTED.equals(state)) {
            throw new ContextReloadException("context " + target.describe() + " did not start after its reload (state "
                    + state + "); Tomcat's log (logs/catalina.*.log) says why", null);
        }
    }

    /**
     * As Tomcat's manager does: take the application from the deployer's watch, remove it, and have the deployer deploy
     * it again from its folder or context file.
     */
    private void redeploy(String domain, ContextTarget target) throws JMException, InterruptedException, ContextReloadException {
        ObjectName deployer = new ObjectName(domain + ":type=Deployer,host=" + target.host());
        Object[] name = {target.contextName()};
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVICED_WAIT_MILLIS);
        while (!Boolean.TRUE.equals(server.invoke(deployer, "tryAddServiced", name, NAME_SIGNATURE))) {
            if (System.nanoTime() - deadline > 0) {
                throw new ContextReloadException("context " + target.describe() + " is busy in Tomcat's own deployer for more"
                        + " than " + SERVICED_WAIT_MILLIS + " ms (autoDeploy?); not redeployed", null);
            }
            Thread.sleep(SERVICED_RETRY_MILLIS);
        }
        try {
            if (Boolean.TRUE.equals(server.invoke(deployer, "isDeployed", name, NAME_SIGNATURE))) {
                server.invoke(deployer, "unmanageApp", name, NAME_SIGNATURE);
            }
        } finally {
            server.invoke(deployer, "removeServiced", name, NAME_SIGNATURE);
        }
        server.invoke(deployer, "check", name, NAME_SIGNATURE);
    }

    private String domainOf(String host) throws JMException {
        Set<ObjectName> names = server.queryNames(new ObjectName("*:type=Host,host=" + host), null);
        if (names.isEmpty()) {
            throw new JMException("Tomcat has no host " + host);
        }
        return names.iterator().next().getDomain();
    }

    private ObjectName webModule(String domain, ContextTarget target) throws JMException {
        Set<ObjectName> names = server.queryNames(new ObjectName(domain + ":j2eeType=WebModule,name=" + target.webModuleName() + ",*"), null);
        return names.isEmpty() ? null : names.iterator().next();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
