package io.ripple.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.Notification;
import org.junit.jupiter.api.Test;

/** A replica's row change as a notification: its user data is the event's JSON, the same text as the journal's line. */
class ClusterBeanNotificationTest {

    @Test
    void aRowEventCarriesItsJsonTheSameAsBefore() throws Exception {
        ClusterBean bean = new ClusterBean(Map.of("r1", "http://127.0.0.1:1/jolokia/"));
        List<Notification> received = new ArrayList<>();
        bean.addNotificationListener((n, handback) -> received.add(n), null, null);
        ServerRow row = new ServerRow("r1", "replica", RowState.RESTARTED, 1, 2, 3, 4, 5, "1 file \"changed\" \u00e9");
        RunEvent event = RunEvent.row("7", row).numbered(12, "2026-12-01T00:00:00.000Z");

        bean.notify(event);

        assertThat(received).hasSize(1);
        assertThat(received.get(0).getType()).isEqualTo(ClusterBean.REPLICA_STATE);
        // the text a tree of the event gave, as the notification carried it until it was written straight
        assertThat(received.get(0).getUserData()).isEqualTo(RunJournal.JSON.valueToTree(event).toString());
        assertThat((String) received.get(0).getUserData()).contains("\"server\":\"r1\"", "\"state\":\"RESTARTED\"");
    }
}
