package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterKeysTest {

    @Test
    void eachUserGetsTheKeyDerivedFromItsPassword() {
        ClusterKeys keys = ClusterKeys.deriveInBackground(Map.of("cluster", "s3cret", "admin", ""));
        assertThat(keys.get("cluster")).isEqualTo(PeerProof.clusterKey("cluster", "s3cret"));
        assertThat(keys.get("admin")).isEqualTo(PeerProof.clusterKey("admin", ""));
        assertThat(keys.get("nobody")).isNull();
    }

    @Test
    void takesThePasswordsAsTheyWereWhenAsked() {
        Map<String, String> passwords = new HashMap<>(Map.of("cluster", "first"));
        ClusterKeys keys = ClusterKeys.deriveInBackground(passwords);
        passwords.put("cluster", "changed later");
        assertThat(keys.get("cluster")).isEqualTo(PeerProof.clusterKey("cluster", "first"));
    }
}
