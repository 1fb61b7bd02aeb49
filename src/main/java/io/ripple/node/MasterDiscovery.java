package io.ripple.node;

import io.ripple.MemberInfo;
import io.ripple.management.SafeText;
import io.ripple.remote.MemberView;
import io.ripple.remote.RemoteException;
import io.ripple.remote.RemoteServer;
import io.ripple.remote.RemoteServers;
import io.ripple.util.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks, at a server's start, every member it knows which term it holds and which master it follows (Server attributes
 * Name, Role, ClusterId, Term, MasterName in one read each), all at once and within one short deadline, over the
 * normal connector (peer proof, signed requests, bounded answers). A member that does not answer in time is skipped;
 * {@link DiscoveryVerdict} judges what the others said.
 */
final class MasterDiscovery {

    private static final Logger log = LoggerFactory.getLogger(MasterDiscovery.class);
    /** Members asked at once: a cluster of hundreds is asked in a few waves, each bounded by the deadline. */
    static final int MAX_PARALLEL = 16;
    /** How long a start waits for all the answers together. */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    /** Connect and call time-outs of the connector that asks: shorter than the deadline, so a dead member fails first. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final RemoteServers connector;
    private final Duration deadline;

    /**
     * @param connector opens connections that prove each member (as {@link io.ripple.remote.Peer#member}) before any
     *                  credentials are sent
     */
    MasterDiscovery(RemoteServers connector, Duration deadline) {
        this.connector = connector;
        this.deadline = deadline;
    }

    /** Asks {@code members} (this server left out by the caller); returns the answers that arrived in time. */
    List<DiscoveryVerdict.Answer> ask(List<MemberInfo> members) {
        if (members.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, members.size()),
                DaemonThreads.numbered("ripple-discovery"));
        try {
            List<Callable<MemberView>> questions = new ArrayList<>();
            members.forEach(m -> questions.add(() -> askOne(m)));
            List<Future<MemberView>> futures = pool.invokeAll(questions, deadline.toMillis(), TimeUnit.MILLISECONDS);
            List<DiscoveryVerdict.Answer> answers = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                MemberView view = answerOf(members.get(i), futures.get(i));
                if (view != null) {
                    answers.add(new DiscoveryVerdict.Answer(members.get(i), view));
                }
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            pool.shutdownNow();
        }
    }

    private MemberView askOne(MemberInfo member) {
        try (RemoteServer remote = connector.open(member.getUrl())) {
            return remote.memberView();
        }
    }

    private static MemberView answerOf(MemberInfo member, Future<MemberView> future) {
        try {
            return future.get();
        } catch (CancellationException e) {
            log.info("Member '{}' did not answer within the discovery deadline: skipped", SafeText.of(member.getName()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof RemoteException ? cause.getMessage() : String.valueOf(cause);
            log.info("Member '{}' not asked for its term: {}", SafeText.of(member.getName()), SafeText.of(why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
