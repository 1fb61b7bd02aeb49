package io.ripple.agent.tomcat;

import java.nio.file.Path;

/**
 * One {@code <Host>} of Tomcat's server.xml, as its MBean shows it: where its web applications lie (appBase) and where
 * its context files lie (conf/ENGINE/HOST, or xmlBase). Paths are absolute and normalized.
 */
record TomcatHost(String name, Path appBase, Path configBase) {
}
