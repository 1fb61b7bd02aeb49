package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClusterReplicaBeanTest {

    private final AtomicReference<Run> latest = new AtomicReference<>();
    private final ClusterReplicaBean bean = new ClusterReplicaBean("replica-1", "service:jmx:rmi:///jndi/rmi://h:1/jmxrmi", latest::get);

    @Test
    void withoutARunEverythingIsNoneOrZero() {
        assertThat(bean.getName()).isEqualTo("replica-1");
        assertThat(bean.getUrl()).startsWith("service:jmx:rmi:");
        assertThat(bean.getLastRunId()).isEmpty();
        assertThat(bean.getLastRunState()).isEqualTo("NONE");
        assertThat(bean.isLastRunRestarted() || bean.isLastRunFailed() || bean.isLastRunTimedOut() || bean.isLastRunSkipped()
                || bean.isLastRunUpToDate()).isFalse();
        assertThat(bean.getLastRunDurationMillis()).isZero();
        assertThat(bean.getLastRunVersionAfter()).isEqualTo(-1);
    }

    @Test
    void aRunWithoutThisReplicaIsNone() {
        latest.set(Runs.inProgress("3", "replica-2"));
        assertThat(bean.getLastRunId()).isEqualTo("3");
        assertThat(bean.getLastRunState()).isEqualTo("NONE");
    }

    @ParameterizedTest
    @EnumSource(value = RowState.class, names = {"RESTARTED", "UP_TO_DATE", "FAILED", "TIMED_OUT", "SKIPPED"})
    void exactlyOneOutcomeFlagIsSet(RowState outcome) {
        Run run = Runs.inProgress("7", "replica-1");
        ServerRow row = run.row("replica-1").orElseThrow().to(RowState.REQUESTED, "", 1_000).to(outcome, "done", 3_500)
                .withVersions(11, 12);
        latest.set(run.withRow(row));

        assertThat(bean.getLastRunState()).isEqualTo(outcome.name());
        assertThat(bean.isLastRunRestarted()).isEqualTo(outcome == RowState.RESTARTED);
        assertThat(bean.isLastRunUpToDate()).isEqualTo(outcome == RowState.UP_TO_DATE);
        assertThat(bean.isLastRunFailed()).isEqualTo(outcome == RowState.FAILED);
        assertThat(bean.isLastRunTimedOut()).isEqualTo(outcome == RowState.TIMED_OUT);
        assertThat(bean.isLastRunSkipped()).isEqualTo(outcome == RowState.SKIPPED);
        assertThat(bean.getLastRunDurationMillis()).isEqualTo(2_500);
        assertThat(bean.getLastRunVersionAfter()).isEqualTo(12);
    }

    @Test
    void aReplicaStillWorkingShowsItsTimeSoFar() {
        Run run = Runs.inProgress("7", "replica-1");
        long requested = System.currentTimeMillis() - 1_000;
        latest.set(run.withRow(run.row("replica-1").orElseThrow().to(RowState.REQUESTED, "", requested)
                .to(RowState.SYNCING, "", requested + 10)));
        assertThat(bean.getLastRunState()).isEqualTo("SYNCING");
        assertThat(bean.getLastRunDurationMillis()).isBetween(1_000L, 60_000L);
    }

    @Nested
    class Names {
        @Test
        void aPlainNameIsUsedAsItIs() throws Exception {
            assertThat(new ObjectName(ClusterReplicaBean.objectName("replica-1")))
                    .isEqualTo(new ObjectName("ripple:type=ClusterReplica,name=replica-1"));
        }

        @Test
        void aNameWithSpecialCharactersIsQuoted() throws Exception {
            ObjectName name = new ObjectName(ClusterReplicaBean.objectName("a,b=c"));
            assertThat(ObjectName.unquote(name.getKeyProperty("name"))).isEqualTo("a,b=c");
        }
    }
}
