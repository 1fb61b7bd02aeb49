package io.ripple.node;

import io.ripple.ClusterMXBean;
import io.ripple.ClusterProtocolMXBean;
import io.ripple.ConfigStoreMXBean;
import io.ripple.ServerMXBean;
import io.ripple.remote.MemberView;
import io.ripple.remote.RemoteServer;
import io.ripple.remote.ServerSnapshot;
import java.util.function.Supplier;

/**
 * A member that lives in memory, for the tests of what a start asks its members: it answers only {@code memberView}
 * (who it says the master is), with what the test gives; any other call is a test error.
 */
final class MemoryMember implements RemoteServer {

    private final String url;
    private final Supplier<MemberView> answer;

    private MemoryMember(String url, Supplier<MemberView> answer) {
        this.url = url;
        this.answer = answer;
    }

    /** A member at {@code url} that says {@code view}. */
    static RemoteServer answering(String url, MemberView view) {
        return new MemoryMember(url, () -> view);
    }

    /** A member at {@code url} whose each answer {@code answer} gives (it may throw or hang). */
    static RemoteServer answering(String url, Supplier<MemberView> answer) {
        return new MemoryMember(url, answer);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public MemberView memberView() {
        return answer.get();
    }

    @Override
    public ServerMXBean server() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ConfigStoreMXBean configStore() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClusterMXBean cluster() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClusterProtocolMXBean clusterProtocol() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ServerSnapshot serverSnapshot() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
