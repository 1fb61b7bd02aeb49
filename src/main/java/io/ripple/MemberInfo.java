package io.ripple;

import java.beans.ConstructorProperties;
import java.util.Objects;

/** One server of a cluster, as its master publishes the membership: its name and the URL its peers reach it at. */
public final class MemberInfo {

    private final String name;
    private final String url;

    @ConstructorProperties({"name", "url"})
    public MemberInfo(String name, String url) {
        this.name = name == null ? "" : name;
        this.url = url == null ? "" : url;
    }

    /** The server's name, unique in the cluster. */
    public String getName() {
        return name;
    }

    /** Its management URL: a JMX service URL or a Jolokia http(s) URL. */
    public String getUrl() {
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberInfo m && m.name.equals(name) && m.url.equals(url);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url);
    }

    /** {@code name url}, as {@code Server.Members} lists it. */
    @Override
    public String toString() {
        return name + " " + url;
    }
}
