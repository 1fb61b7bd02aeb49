package io.ripple.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ripple.ServerMXBean;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The view and snapshot code both transports share. */
class RemoteViewsTest {

    private static final String URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi";

    @Nested
    class Views {
        @Test
        void mbeanMethodsGoToTheCallAndObjectMethodsStayLocal() {
            ServerMXBean view = RemoteViews.view(ServerMXBean.class, ServerMXBean.OBJECT_NAME, URL,
                    (method, args) -> method.getName().equals("getName") ? "web-1" : null);

            assertThat(view.getName()).isEqualTo("web-1");
            assertThat(view.toString()).isEqualTo(ServerMXBean.OBJECT_NAME + " at " + URL);
            assertThat(view).isEqualTo(view);
            assertThat(view.hashCode()).isEqualTo(System.identityHashCode(view));
            assertThat(view).isNotEqualTo(RemoteViews.view(ServerMXBean.class, ServerMXBean.OBJECT_NAME, URL,
                    (method, args) -> null));
        }

        @Test
        void whatTheCallThrowsReachesTheCaller() {
            RemoteException failure = RemoteFailures.remoteError(URL, "boom", null);
            ServerMXBean view = RemoteViews.view(ServerMXBean.class, ServerMXBean.OBJECT_NAME, URL,
                    (method, args) -> {
                        throw failure;
                    });

            assertThatThrownBy(view::getName).isSameAs(failure);
        }
    }

    @Nested
    class Snapshots {
        @Test
        void readsEveryAttributeByName() {
            Map<String, Object> values = allAttributes();

            assertThat(RemoteViews.snapshot(values, URL)).isEqualTo(new ServerSnapshot("web-1", "RUNNING", true,
                    "boot-7", "run-3", "COMPLETED", "done"));
        }

        @Test
        void nullValuesStayNullAndReadyIsTrueOnlyWhenTrue() {
            Map<String, Object> values = allAttributes();
            values.put("LastRunId", null);
            values.put("Ready", "true");

            ServerSnapshot snapshot = RemoteViews.snapshot(values, URL);

            assertThat(snapshot.lastRunId()).isNull();
            assertThat(snapshot.ready()).isFalse();
        }

        @Test
        void missingAttributesAreNamed() {
            Map<String, Object> values = allAttributes();
            values.remove("BootId");
            values.remove("State");

            assertThatThrownBy(() -> RemoteViews.snapshot(values, URL))
                    .isInstanceOf(RemoteException.class)
                    .hasMessage(URL + ": cannot read ripple:type=Server attributes [State, BootId]");
        }

        private Map<String, Object> allAttributes() {
            Map<String, Object> values = new HashMap<>();
            values.put("Name", "web-1");
            values.put("State", "RUNNING");
            values.put("Ready", Boolean.TRUE);
            values.put("BootId", "boot-7");
            values.put("LastRunId", "run-3");
            values.put("LastRunOutcome", "COMPLETED");
            values.put("LastRunDetail", "done");
            return values;
        }
    }
}
