package io.ripple.node;

import static io.ripple.node.MemoryMember.answering;
import static org.assertj.core.api.Assertions.assertThat;

import io.ripple.MemberInfo;
import io.ripple.remote.MemberView;
import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asking the members at start: all at once, within one deadline, a member that does not answer skipped. */
class MasterDiscoveryTest {

    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void release() {
        never.countDown();
    }

    private static MemberInfo member(int i) {
        return new MemberInfo("replica-" + i, "http://127.0.0.1:" + (9000 + i) + "/jolokia/");
    }

    private MemberView hang() {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new RemoteException(RemoteException.Kind.TIMEOUT, "interrupted", null);
    }

    @Test
    void membersThatAnswerAreHeardTheOthersSkipped() {
        List<MemberInfo> members = List.of(member(1), member(2), member(3), member(4));
        Map<String, Supplier<MemberView>> behaviour = Map.of(
                member(1).getUrl(), () -> new MemberView("replica-1", "master", "c", 2, ""),
                member(2).getUrl(), () -> {
                    throw new RemoteException(RemoteException.Kind.CANNOT_CONNECT, "refused", null);
                },
                member(3).getUrl(), this::hang,
                member(4).getUrl(), () -> new MemberView("replica-4", "replica", "c", 2, "replica-1"));
        RemoteServers servers = url -> answering(url, behaviour.get(url));

        long start = System.nanoTime();
        List<DiscoveryVerdict.Answer> answers = new MasterDiscovery(servers, Duration.ofMillis(700)).ask(members);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(answers).extracting(a -> a.asked().getName()).containsExactly("replica-1", "replica-4");
        assertThat(answers.get(0).view().term()).isEqualTo(2);
        assertThat(tookMillis).as("bounded by the deadline, not by the member that hangs").isLessThan(5_000);
    }

    @Test
    void aMemberThatCannotBeOpenedIsSkipped() {
        RemoteServers servers = url -> {
            throw new RemoteException(RemoteException.Kind.AUTHENTICATION_FAILED, "did not prove it is member 'x'", null);
        };

        assertThat(new MasterDiscovery(servers, Duration.ofSeconds(1)).ask(List.of(member(1)))).isEmpty();
    }

    @Test
    void membersAreAskedAtOnceNotOneAfterAnother() {
        List<MemberInfo> members = new ArrayList<>();
        for (int i = 1; i <= MasterDiscovery.MAX_PARALLEL; i++) {
            members.add(member(i));
        }
        CountDownLatch allAsked = new CountDownLatch(members.size());
        RemoteServers servers = url -> answering(url, () -> {
            allAsked.countDown();
            try {
                // every member waits until all were asked: answered only when they are asked side by side
                if (!allAsked.await(10, TimeUnit.SECONDS)) {
                    throw new RemoteException(RemoteException.Kind.TIMEOUT, "asked one after another", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new MemberView(url.replaceAll(".*:(\\d+)/.*", "replica-$1"), "replica", "c", 1, "master");
        });

        assertThat(new MasterDiscovery(servers, Duration.ofSeconds(20)).ask(members)).hasSize(members.size());
    }

    @Test
    void noMembersNoQuestion() {
        RemoteServers servers = url -> {
            throw new AssertionError("nobody to ask");
        };

        assertThat(new MasterDiscovery(servers, Duration.ofSeconds(1)).ask(List.of())).isEmpty();
    }
}
