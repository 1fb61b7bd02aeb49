package io.ripple.management;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** In-process calls; the JMX and Jolokia channels are tested with their endpoints. */
class CallerTest {

    @Test
    void codeOutsideAnyRequestIsLocal() {
        assertThat(Caller.current()).isEqualTo(new Caller("local", "local", ""));
        assertThat(Caller.current()).hasToString("local (local)");
    }

    @Test
    void aJolokiaCallerLastsForTheRequestOnly() {
        Caller.enterJolokia(new Caller("admin", "jolokia", "127.0.0.1"));
        try {
            assertThat(Caller.current()).hasToString("admin (jolokia 127.0.0.1)");
        } finally {
            Caller.leaveJolokia();
        }
        assertThat(Caller.current()).isEqualTo(Caller.LOCAL);
    }

    @Test
    void theCliSayingItUsesTheClusterAccountIsNotedAsItsWord() {
        Caller.enterJolokia(new Caller("ripple", "jolokia", "127.0.0.1"));
        ClusterClaim.enterJolokia(new ClusterClaim(Caller.CLUSTER_ACCOUNT_VIA_CLI, ""));
        try {
            assertThat(Caller.current()).hasToString("ripple (jolokia 127.0.0.1, cluster account via ripple CLI)");
        } finally {
            Caller.leaveJolokia();
            ClusterClaim.leaveJolokia();
        }
    }

    @Test
    void aServersClaimOrTheCliWordWithAClusterIdAddsNoNote() {
        for (ClusterClaim claim : new ClusterClaim[] {new ClusterClaim("replica-1", "c-1"),
                new ClusterClaim(Caller.CLUSTER_ACCOUNT_VIA_CLI, "c-1")}) {
            Caller.enterJolokia(new Caller("ripple", "jolokia", "127.0.0.1"));
            ClusterClaim.enterJolokia(claim);
            try {
                assertThat(Caller.current()).hasToString("ripple (jolokia 127.0.0.1)");
            } finally {
                Caller.leaveJolokia();
                ClusterClaim.leaveJolokia();
            }
        }
    }
}
