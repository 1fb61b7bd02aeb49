package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicaReadsTest {

    private static final Duration SHORT = Duration.ofMillis(500);
    private final CountDownLatch release = new CountDownLatch(1);
    private ReplicaReads reads;

    @AfterEach
    void close() {
        release.countDown();
        if (reads != null) {
            reads.close();
        }
    }

    private static Map<String, String> replicas(String... names) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String name : names) {
            all.put(name, "http://" + name + ":8778/jolokia/");
        }
        return all;
    }

    private String holdSlow(String name, String url) {
        if (name.startsWith("slow")) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return name + " answered";
    }

    @Test
    void aReplicaThatDoesNotAnswerInTimeShowsAsSuchAndTheOthersAnswerInOrder() {
        reads = new ReplicaReads(4, 16, SHORT);
        long start = System.nanoTime();

        List<String> answers = reads.readAll(replicas("replica-1", "slow-2", "replica-3"), this::holdSlow,
                (name, url, why) -> name + " " + why);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(answers).containsExactly("replica-1 answered", "slow-2 did not answer within 500 ms",
                "replica-3 answered");
    }

    @Test
    void oneDeadlineCoversAllTheReplicasNotEachOfThem() {
        reads = new ReplicaReads(8, 16, SHORT);
        long start = System.nanoTime();

        List<String> answers = reads.readAll(replicas("slow-1", "slow-2", "slow-3", "slow-4", "slow-5"), this::holdSlow,
                (name, url, why) -> why);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(answers).hasSize(5).allMatch(a -> a.equals("did not answer within 500 ms"));
    }

    @Test
    void replicasBeyondTheWaitingReadsAreReportedAtOnceNotQueued() {
        reads = new ReplicaReads(1, 1, SHORT);

        List<String> answers = reads.readAll(replicas("slow-1", "slow-2", "replica-3"), this::holdSlow,
                (name, url, why) -> name + " " + why);

        assertThat(answers).containsExactly("slow-1 did not answer within 500 ms",
                "slow-2 did not answer within 500 ms",
                "replica-3 not asked: " + ReplicaReads.QUEUED_READS + " reads of replicas are already waiting");
    }

    @Test
    void aReaderThatThrowsGivesAnAnswerThatSaysWhy() {
        reads = new ReplicaReads(2, 4, SHORT);

        List<String> answers = reads.readAll(replicas("replica-1"), (name, url) -> {
            throw new IllegalStateException("no such attribute");
        }, (name, url, why) -> why);

        assertThat(answers).containsExactly("cannot be read: no such attribute");
    }

    @Test
    void theClusterMBeanTellsTheDeadlineItKeeps() throws NoSuchMethodException {
        for (String operation : List.of("health", "preview")) {
            io.ripple.management.Description description = io.ripple.ClusterMXBean.class.getMethod(operation)
                    .getAnnotation(io.ripple.management.Description.class);
            assertThat(description.value()).as(operation).contains("within " + ReplicaReads.DEADLINE.toSeconds() + " s");
        }
    }
}
