package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

class ClusterClaimTest {

    @Test
    void aJmxClientClaimsWithTwoMoreCredentials() {
        assertThat(ClusterClaim.fromJmxCredentials(new String[] {"ripple", "secret", "cluster-a", "master"}))
                .contains(new ClusterClaim("master", "cluster-a"));
        assertThat(ClusterClaim.fromJmxCredentials(new String[] {"admin", "secret"})).isEmpty();
        assertThat(ClusterClaim.fromJmxCredentials(null)).isEmpty();
    }

    @Test
    void theClaimTravelsInTheSubjectBesideTheUser() {
        Subject subject = ClusterClaim.jmxSubject(new JMXPrincipal("ripple"),
                new String[] {"ripple", "secret", "cluster-a", "master"});
        assertThat(subject.getPrincipals(JMXPrincipal.class)).containsExactly(new JMXPrincipal("ripple"));
        assertThat(subject.getPrincipals(ClusterClaim.ClaimPrincipal.class))
                .containsExactly(new ClusterClaim.ClaimPrincipal(new ClusterClaim("master", "cluster-a")));
    }

    @Test
    void aClaimThatCannotBeOneIsKeptAsAnUnknownClusterNotDropped() {
        assertThat(ClusterClaim.of("master", "x".repeat(500))).contains(new ClusterClaim("master", "(unreadable)"));
        assertThat(ClusterClaim.of("mas\nter", "a")).contains(new ClusterClaim("(unreadable)", "a"));
        assertThat(ClusterClaim.of(null, null)).isEqualTo(Optional.empty());
    }
}
