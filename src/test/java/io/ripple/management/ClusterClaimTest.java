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

    @Test
    void aMastersClaimCarriesItsTermAsAFifthCredential() {
        assertThat(ClusterClaim.fromJmxCredentials(new String[] {"ripple", "secret", "cluster-a", "master", "3"}))
                .contains(new ClusterClaim("master", "cluster-a", 3));
        assertThat(ClusterClaim.fromJmxCredentials(new String[] {"ripple", "secret", "cluster-a", "replica-1"}))
                .contains(new ClusterClaim("replica-1", "cluster-a", ClusterClaim.NO_TERM));
        assertThat(new ClusterClaim("master", "c").withTerm(7).termText()).isEqualTo("7");
        assertThat(new ClusterClaim("replica-1", "c").termText()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(value = {"1,1", "42,42", "999999999999999999,999999999999999999",
            "'',0", "NULL,0", "0,-1", "-1,-1", "01,-1", "1e3,-1", "' 1',-1", "1234567890123456789,-1",
            "99999999999999999999999,-1"}, nullValues = "NULL")
    void aTermIsOneTo18DigitsAnythingElseIsUnreadable(String sent, long term) {
        assertThat(ClusterClaim.parseTerm(sent)).isEqualTo(term);
        assertThat(ClusterClaim.of("master", "c", sent).orElseThrow().term()).isEqualTo(term);
    }
}
