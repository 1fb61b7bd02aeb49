package io.ripple.agent.tomcat;

/**
 * A web application a change touches, named as Tomcat names it from its folder or context file ({@code ROOT},
 * {@code shop}, {@code shop#v1##2}).
 *
 * @param host     the {@code <Host>} it runs in
 * @param baseName its folder in appBase, or its context file's name without {@code .xml}
 * @param redeploy true when its context configuration changed (a context file, {@code META-INF/context.xml}): Tomcat
 *                 reads that only when it deploys the application, so a reload is not enough
 */
record ContextTarget(String host, String baseName, boolean redeploy) {

    /** Tomcat's context name: {@code ""} for ROOT, {@code /shop/v1##2} for {@code shop#v1##2}. */
    String contextName() {
        int version = baseName.indexOf("##");
        String path = version < 0 ? baseName : baseName.substring(0, version);
        String suffix = version < 0 ? "" : baseName.substring(version);
        String name = path.equals("ROOT") ? "" : "/" + path.replace('#', '/');
        return name + suffix;
    }

    /** The {@code name} key of its {@code j2eeType=WebModule} MBean: {@code //localhost/} for ROOT. */
    String webModuleName() {
        String name = contextName();
        return "//" + host + (name.isEmpty() || name.startsWith("##") ? "/" + name : name);
    }

    /** For people: "/shop on host localhost", "/ (ROOT) on host localhost". */
    String describe() {
        String name = contextName();
        return (name.isEmpty() ? "/" : name) + " on " + host;
    }
}
